import { z } from 'zod';
import type { ExportData } from '../leads/replay/readExport.js';
import { STAGES } from '../leads/replay/mapping.js';
import { RowProblemClass } from '../leads/replay/rowProblems.js';
import { parseScenarioText, type LoadedScenario } from '../scenario/load.js';
import { fitArrivals } from './calibrate/arrivals.js';
import { StageRates, stageRates } from './calibrate/conversion.js';
import { fitConversion, FunnelFit, SourceFit } from './calibrate/fitConversion.js';
import { calibrationHeader, shiftNotes } from './calibrate/header.js';
import { fitMix, type SourceMix } from './calibrate/mixes.js';
import { draftScenario, draftYaml } from './calibrate/scenarioDraft.js';

/** Leads per week one rep is assumed to handle when the export names no owners (a starting point to edit). */
const WEEKLY_LEADS_PER_SDR = 100;
const WEEKLY_LEADS_PER_AE = 300;

export const Calibration = z.object({
  file: z.string(),
  mapping: z.string(),
  rows: z.object({ total: z.number().int(), used: z.number().int(), leftOut: z.number().int() }),
  problems: z.array(RowProblemClass),
  period: z.object({ start: z.string(), end: z.string(), days: z.number().int(), weeks: z.number(), timeZone: z.string(), timesOfDay: z.enum(['from export', 'spread', 'all midnight']) }),
  /** Relative volume by weekday, Monday first, mean 1. */
  weekdayWeights: z.array(z.number()).length(7),
  entryStage: z.enum(STAGES),
  positiveStage: z.enum(STAGES),
  /** Conversion of every lead in the export (null without an outcome mapping). */
  overall: StageRates.nullable(),
  sources: z.array(
    z.object({
      name: z.string(),
      leads: z.number().int(),
      share: z.number(),
      weeklyVolume: z.number(),
      trendPerWeek: z.number(),
      /** 95% interval of the weekly trend (null when the source has too few leads for a slope). */
      trendCi95: z.tuple([z.number(), z.number()]).nullable(),
      conversion: StageRates.nullable(),
    }),
  ),
  /** Team size per role and where it came from: distinct owners named in the export, or sized from volume. */
  team: z.object({ sdr: z.number().int(), ae: z.number().int(), from: z.object({ sdr: z.enum(['owners', 'volume']), ae: z.enum(['owners', 'volume']) }) }),
  /** The funnel shift that makes the simulated conversion match the export overall (null: not tuned). */
  funnel: FunnelFit.nullable(),
  /** Per-source qualityShift fitted so each source's simulated MQL -> positive matches the export's (null: not fitted). */
  sourceFit: SourceFit.nullable(),
  /** The scenario written (defaults not filled in). */
  scenario: z.record(z.string(), z.unknown()),
});
export type Calibration = z.infer<typeof Calibration>;

export interface CalibrateOptions {
  /** Path the scenario will be written to (names it in messages; nothing is written here). */
  scenarioFile: string;
  /** Replications per tuning evaluation (default 5); 0 skips tuning. */
  replications?: number;
}

export interface CalibrateResult {
  calibration: Calibration;
  /** The scenario file's text (YAML with the fitted figures in its header comment). */
  scenarioText: string;
  /** The same scenario, validated. */
  loaded: LoadedScenario;
}

/**
 * Fits a scenario to an export: arrival profile (weekly volume, weekday and hour-of-week shape, trend) and
 * attribute mixes per source, conversion by source, team size from owners, a funnel shift so the simulated
 * conversion matches the export overall, and a qualityShift per source so each source's does too.
 */
export async function calibrate(data: ExportData, options: CalibrateOptions): Promise<CalibrateResult> {
  const mapping = data.mapping;
  const leads = data.leads;
  const arrivals = fitArrivals(leads, mapping.arrival);
  const weeks = arrivals.horizonMinutes / 10_080;
  const mixes = new Map<string, SourceMix>();
  const bySource = new Map<string, typeof leads>();
  for (const lead of leads) {
    const list = bySource.get(lead.source);
    if (list === undefined) bySource.set(lead.source, [lead]);
    else list.push(lead);
  }
  for (const [name, list] of bySource) mixes.set(name, fitMix(list, mapping));
  const outcome = mapping.outcome;
  const positive = outcome?.positive ?? 'won';
  const overall = outcome === undefined ? null : stageRates(leads, positive);

  const owners = (role: 'sdr' | 'ae') => new Set(leads.flatMap((lead) => (lead[role] === null ? [] : [lead[role]!]))).size;
  const weekly = leads.length / weeks;
  // Each role: the distinct owners the export names, else a size from volume to edit.
  const sized = (role: 'sdr' | 'ae', perRep: number) => (mapping.owners[role] !== undefined ? Math.max(1, owners(role)) : Math.max(1, Math.ceil(weekly / perRep)));
  const team = {
    sdr: sized('sdr', WEEKLY_LEADS_PER_SDR),
    ae: sized('ae', WEEKLY_LEADS_PER_AE),
    from: { sdr: mapping.owners.sdr === undefined ? ('volume' as const) : ('owners' as const), ae: mapping.owners.ae === undefined ? ('volume' as const) : ('owners' as const) },
  };
  const allMql = STAGES.indexOf(mapping.entryStage) >= STAGES.indexOf('mql');
  const name = `${mapping.name}-calibrated`.slice(0, 64);
  const description = `Calibrated from ${data.file} (${arrivals.start} to ${arrivals.end})`;
  const draftInput = { name, description, arrivals, mixes, team: { sdr: team.sdr, ae: team.ae }, allMql };
  let draft = draftScenario(draftInput);

  const replications = options.replications ?? 5;
  const rates = new Map(arrivals.sources.map((source) => [source.name, stageRates(bySource.get(source.name)!, positive)]));
  const fit = replications > 0 && overall !== null ? await fitConversion(draft, options.scenarioFile, positive, overall, rates, replications) : null;
  if (fit !== null) draft = draftScenario({ ...draftInput, funnel: fit.funnelBases, ...(fit.sources === null ? {} : { qualityShifts: fit.shifts }) });

  const sources = arrivals.sources.map((source) => {
    const se = source.logTrendSe;
    return {
      name: source.name,
      leads: source.leads,
      share: source.leads / leads.length,
      weeklyVolume: source.weeklyVolume,
      trendPerWeek: source.trendPerWeek,
      trendCi95: Number.isFinite(se) ? ([Math.exp(Math.log1p(source.trendPerWeek) - 1.96 * se) - 1, Math.exp(Math.log1p(source.trendPerWeek) + 1.96 * se) - 1] as [number, number]) : null,
      conversion: outcome === undefined ? null : rates.get(source.name)!,
    };
  });
  const calibration: Calibration = {
    file: data.file,
    mapping: data.mappingFile,
    rows: { total: data.totalRows, used: leads.length, leftOut: data.unusableRows },
    problems: data.problems,
    period: { start: arrivals.start, end: arrivals.end, days: arrivals.days, weeks, timeZone: arrivals.timeZone, timesOfDay: !arrivals.timesKnown ? 'spread' : data.datesOnly ? 'all midnight' : 'from export' },
    weekdayWeights: arrivals.weekdayWeights,
    entryStage: mapping.entryStage,
    positiveStage: positive,
    overall,
    sources,
    team,
    funnel: fit?.funnel ?? null,
    sourceFit: fit?.sources ?? null,
    scenario: draft,
  };
  const scenarioText = draftYaml(draft, calibrationHeader(calibration, mapping.arrival), shiftNotes(calibration));
  // The text is validated exactly as `handoff validate` will read it.
  const loaded = parseScenarioText(scenarioText, options.scenarioFile);
  return { calibration, scenarioText, loaded };
}
