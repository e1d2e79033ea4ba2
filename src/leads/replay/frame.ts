import { DateTime } from 'luxon';
import { InputError, UsageError } from '../../errors.js';
import { MINUTES_PER_DAY, MINUTES_PER_WEEK, originOf } from '../../engine/calendar.js';
import { scenarioHash, type LoadedScenario } from '../../scenario/load.js';
import type { Scenario } from '../../scenario/schema/scenario.js';
import type { ExportLead } from './convert.js';
import type { ExportData } from './readExport.js';
import { RowProblems, type RowProblemClass } from './rowProblems.js';

/** Weight given to an export's zones a source did not list: present in the world, practically never drawn. */
const ADDED_ZONE_WEIGHT = 1e-9;
/** The lead store keeps zone and source indexes in bytes. */
const MAX_INDEX = 255;

/** A scenario re-framed around an export: its window is the export's date range, its world knows the export's zones. */
export interface ReplayFrame {
  loaded: LoadedScenario;
  /** Usable leads of the export that belong to a scenario source, in arrival order. */
  leads: ExportLead[];
  /** Scenario source index of each lead in `leads`. */
  sourceIndex: Int32Array;
  /** Minutes since the simulation start of each lead in `leads`. */
  minutes: Float64Array;
  /** Rows the export could not use plus leads whose source the scenario lacks. */
  problems: RowProblemClass[];
  unusableRows: number;
  /** First day simulated (the export's first arrival date in the scenario's zone). */
  start: string;
  /** Last arrival's local date. */
  end: string;
}

/**
 * The replay window: start at local midnight of the first arrival's date (scenario time zone), horizon to the end
 * of the last arrival's day, warm-up 0 unless asked (every replayed lead counts), drain days as the scenario says.
 */
export function replayFrame(loaded: LoadedScenario, data: ExportData, options: { warmupWeeks?: number } = {}): ReplayFrame {
  const scenario = loaded.scenario;
  const zone = scenario.timeZone;
  const names = Object.keys(scenario.sources);
  const problems = new RowProblems();
  const leads = data.leads.filter((lead) => {
    if (names.includes(lead.source)) return true;
    problems.add(
      `source "${lead.source}" is not in the scenario`,
      lead.line,
      `a lead from "${lead.source}"`,
      `add a source named "${lead.source}" to ${loaded.file}, or map the export value to one of ${names.map((name) => `"${name}"`).join(', ')} under source.values in the mapping`,
    );
    return false;
  });
  const classes = [...data.problems, ...problems.list()];
  const unusable = data.unusableRows + problems.rowCount;
  if (leads.length === 0) {
    throw new InputError(data.file, classes.map((entry) => ({ path: entry.column ?? '', line: entry.lines[0]!, message: `${entry.problem}: ${entry.count} rows, e.g. ${entry.example}; no row is usable`, fix: entry.fix })));
  }
  const start = DateTime.fromMillis(leads[0]!.arrivalMs, { zone }).toISODate()!;
  const end = DateTime.fromMillis(leads[leads.length - 1]!.arrivalMs, { zone }).toISODate()!;
  const originMs = originOf(start, zone);
  const minutes = Float64Array.from(leads, (lead) => (lead.arrivalMs - originMs) / 60_000);
  const days = Math.floor(minutes[minutes.length - 1]! / MINUTES_PER_DAY) + 1;
  const horizonWeeks = (days * MINUTES_PER_DAY) / MINUTES_PER_WEEK;
  if (horizonWeeks > 520) throw new UsageError(`the export spans ${Math.round(horizonWeeks)} weeks (${start} to ${end}); replay handles at most 520 (split the export)`);
  const warmupWeeks = options.warmupWeeks ?? 0;
  if (!(warmupWeeks >= 0 && warmupWeeks < horizonWeeks)) throw new UsageError(`--warmup-weeks must be at least 0 and less than the export's ${horizonWeeks.toFixed(1)} weeks (got ${warmupWeeks})`);

  const zones = new Set<string>();
  for (const lead of leads) if (lead.timeZone !== null) zones.add(lead.timeZone);
  const sources = Object.fromEntries(
    Object.entries(scenario.sources).map(([name, source]) => {
      const weights = { ...(source.prospectTimeZones ?? { [zone]: 1 }) };
      for (const added of zones) if (!(added in weights)) weights[added] = ADDED_ZONE_WEIGHT;
      return [name, { ...source, prospectTimeZones: weights }];
    }),
  );
  const framed: Scenario = { ...scenario, start, horizonWeeks, warmupWeeks, sources };
  const zoneCount = new Set([zone, ...Object.values(sources).flatMap((source) => Object.keys(source.prospectTimeZones))]).size;
  if (zoneCount > MAX_INDEX) throw new UsageError(`the export and scenario use ${zoneCount} time zones; the engine handles at most ${MAX_INDEX}`);
  const sourceIndex = Int32Array.from(leads, (lead) => names.indexOf(lead.source));
  return {
    loaded: { ...loaded, scenario: framed, hash: scenarioHash(framed, loaded.file) },
    leads,
    sourceIndex,
    minutes,
    problems: classes,
    unusableRows: unusable,
    start,
    end,
  };
}
