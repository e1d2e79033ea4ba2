import type { Mapping } from './mapping.js';

/** Which lead fields a replay takes from the export and which from the scenario source's generator. */
export function describeSources(mapping: Mapping): { fromExport: string[]; fromScenario: string[] } {
  const fields: [string, boolean][] = [
    ['arrival time', true],
    ['source', true],
    ['form', mapping.form !== undefined],
    ['fit and intent signals', mapping.fit !== undefined || mapping.intent !== undefined],
    ['ACV', mapping.acv !== undefined],
    ['days inactive', mapping.daysInactive !== undefined],
    ['time zone', mapping.timeZone !== undefined],
    ['named account', mapping.namedAccount !== undefined],
  ];
  return {
    fromExport: fields.filter(([, mapped]) => mapped).map(([name]) => name),
    fromScenario: fields.filter(([, mapped]) => !mapped).map(([name]) => name),
  };
}
