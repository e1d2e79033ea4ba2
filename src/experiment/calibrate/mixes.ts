import { FIT_SIGNALS, FORM_IMPLIED_SIGNAL, FORM_TYPES, INTENT_SIGNALS, signalBit, type FitSignal, type FormType, type IntentSignal } from '../../leads/fields.js';
import type { ExportLead } from '../../leads/replay/convert.js';
import type { Mapping } from '../../leads/replay/mapping.js';
import type { Distribution } from '../../scenario/schema/distribution.js';

/** What an export says about one source's leads; fields the mapping does not map stay undefined (scenario defaults). */
export interface SourceMix {
  forms?: Partial<Record<FormType, number>>;
  fit?: Partial<Record<FitSignal, number>>;
  intent?: Partial<Record<IntentSignal, number>>;
  acv?: Distribution;
  daysInactive?: Distribution;
  prospectTimeZones?: Record<string, number>;
  namedAccountShare?: number;
  activeOutboundShare?: number;
}

const round = (value: number, digits = 4): number => Number(value.toFixed(digits));

/** Shares and distributions of one source's leads, for the mapped fields only. */
export function fitMix(leads: readonly ExportLead[], mapping: Mapping): SourceMix {
  const mix: SourceMix = {};
  const n = leads.length;
  if (mapping.form !== undefined) {
    const counts = new Array<number>(FORM_TYPES.length).fill(0);
    for (const lead of leads) if (lead.form !== null) counts[lead.form]!++;
    mix.forms = Object.fromEntries(FORM_TYPES.flatMap((form, i) => (counts[i]! > 0 ? [[form, round(counts[i]! / n)]] : [])));
  }
  const withSignals = leads.filter((lead) => lead.signals !== null);
  if (withSignals.length > 0) {
    const fit = FIT_SIGNALS.filter((signal) => mapping.fit?.[signal] !== undefined);
    if (fit.length > 0) mix.fit = Object.fromEntries(fit.map((signal) => [signal, round(share(withSignals, signal))]));
    const intent = INTENT_SIGNALS.filter((signal) => mapping.intent?.[signal] !== undefined);
    // The engine adds form-implied signals after drawing, so their rate is fitted on leads whose form does not imply them.
    const fitted = intent.flatMap((signal) => {
      const free = withSignals.filter((lead) => lead.form === null || FORM_IMPLIED_SIGNAL[FORM_TYPES[lead.form]!] !== signal);
      return free.length > 0 ? [[signal, round(share(free, signal))] as const] : [];
    });
    if (fitted.length > 0) mix.intent = Object.fromEntries(fitted);
  }
  if (mapping.acv?.column !== undefined) {
    const values = leads.flatMap((lead) => (lead.acv !== null && lead.acv > 0 ? [lead.acv] : []));
    const moments = meanSd(values);
    if (moments !== null && moments.sd > 0) mix.acv = { dist: 'lognormal', mean: round(moments.mean, 0), sd: round(moments.sd, 0) };
  }
  if (mapping.daysInactive?.column !== undefined) {
    const values = leads.flatMap((lead) => (lead.daysInactive === null ? [] : [lead.daysInactive]));
    const moments = meanSd(values);
    if (moments !== null) mix.daysInactive = moments.mean > 0 ? { dist: 'exponential', mean: round(moments.mean, 2) } : { dist: 'fixed', value: 0 };
  }
  if (mapping.timeZone !== undefined) {
    const zones = new Map<string, number>();
    for (const lead of leads) if (lead.timeZone !== null) zones.set(lead.timeZone, (zones.get(lead.timeZone) ?? 0) + 1);
    const total = [...zones.values()].reduce((sum, c) => sum + c, 0);
    if (total > 0) mix.prospectTimeZones = Object.fromEntries([...zones.entries()].sort((a, b) => b[1] - a[1]).map(([zone, c]) => [zone, Math.max(0.0001, round(c / total))]));
  }
  if (mapping.namedAccount !== undefined) {
    const named = leads.filter((lead) => lead.namedAccount === true);
    mix.namedAccountShare = round(named.length / n);
    if (mapping.activeOutbound !== undefined && named.length > 0) mix.activeOutboundShare = round(named.filter((lead) => lead.activeOutbound === true).length / named.length);
  }
  return mix;
}

function share(leads: readonly ExportLead[], signal: FitSignal | IntentSignal): number {
  const bit = signalBit(signal);
  return leads.filter((lead) => (lead.signals! & bit) !== 0).length / leads.length;
}

function meanSd(values: readonly number[]): { mean: number; sd: number } | null {
  if (values.length < 2) return null;
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}
