import { z } from 'zod';
import { InputError } from '../errors.js';
import { FORM_TYPES } from '../leads/fields.js';
import { STAGES } from '../leads/replay/mapping.js';
import type { ExportData } from '../leads/replay/readExport.js';
import { RowProblemClass } from '../leads/replay/rowProblems.js';
import { rubricScoring } from '../policies/scoring.js';
import type { ScoreResult } from '../policies/types.js';
import type { LoadedScenario } from '../scenario/load.js';
import { HistoricalLead } from '../leads/replay/historicalLead.js';
import { CutRow, cutRow, LiftPoint, liftCurve } from './backtest/curves.js';
import { PolicyError } from '../policies/checked.js';
import { policySetOf } from './runReplication.js';

export const Backtest = z.object({
  file: z.string(),
  mapping: z.string(),
  scenario: z.string(),
  policy: z.string(),
  positiveStage: z.enum(STAGES),
  rows: z.object({ total: z.number().int(), used: z.number().int(), leftOut: z.number().int() }),
  problems: z.array(RowProblemClass),
  leads: z.number().int(),
  positives: z.number().int(),
  baseRate: z.number(),
  /** Lead fields the export lacks and the value scoring used instead. */
  assumed: z.array(z.string()),
  /** rule: each threshold re-runs the policy's MQL rule (hand-raise overrides included); score: a plain cut on the combined score. */
  thresholdsBy: z.enum(['rule', 'score']),
  /** The policy's own MQL threshold (null for a custom scoring module or the two-axis rule). */
  configuredThreshold: z.number().nullable(),
  /** The policy exactly as configured. */
  asConfigured: CutRow,
  thresholds: z.array(CutRow),
  /** Cumulative gain and lift at each tenth of the leads, best scores first. */
  lift: z.array(LiftPoint),
  /** Where the combined scores of the historical leads fall. */
  scoreQuantiles: z.object({ p10: z.number(), p50: z.number(), p90: z.number() }),
});
export type Backtest = z.infer<typeof Backtest>;

export interface BacktestResult {
  backtest: Backtest;
  /** The lift curve at every distinct score (for the chart). */
  liftSteps: LiftPoint[];
}

/**
 * Scores historical leads with a scenario policy's scoring (enriched: the history has every signal) and compares
 * the decision with what really happened: pass counts per threshold, conversion of passed vs filtered leads,
 * precision, recall and lift, so a threshold change is judged on real history before any simulation.
 */
export async function backtest(data: ExportData, loaded: LoadedScenario, policyName: string): Promise<BacktestResult> {
  const policies = await policySetOf(loaded, policyName);
  const config = loaded.scenario.policies[policyName]!.scoring;
  const outcome = data.mapping.outcome;
  if (outcome === undefined) {
    throw new InputError(data.mappingFile, [{ path: 'outcome', message: 'the mapping has no outcome, so there is nothing to compare scores with', fix: 'map the column that records how far each lead got (e.g. Lifecycle Stage) under outcome.stages' }]);
  }
  const mapping = data.mapping;
  if (mapping.fit === undefined && mapping.intent === undefined && mapping.form?.column === undefined) {
    throw new InputError(data.mappingFile, [
      { path: 'fit', message: 'the mapping maps no fit or intent signal and no form column, so every lead would get the same score', fix: 'map the export columns that show fit (employees, industry, ...) and intent (pricing views, sessions, form type, ...)' },
    ]);
  }
  const assumed: string[] = [];
  const note = (missing: boolean, text: string) => {
    if (missing && !assumed.includes(text)) assumed.push(text);
  };
  const content = FORM_TYPES.indexOf('content');
  const origin = data.leads[0]!.arrivalMs;
  const views = data.leads.map((lead, i) => {
    note(lead.form === null, 'form: not in the export, scored as "content" (no hand-raise override)');
    note(lead.signals === null, 'signals: the mapping maps none, so only form-implied signals count');
    note(lead.daysInactive === null, 'days inactive: not in the export, scored as 0 (no decay)');
    return new HistoricalLead(i, lead.source, lead.form ?? content, lead.signals ?? 0, lead.daysInactive ?? 0, lead.acv ?? 0, lead.namedAccount ?? false, lead.timeZone ?? loaded.scenario.timeZone, (lead.arrivalMs - origin) / 60_000);
  });
  const positiveIndex = STAGES.indexOf(outcome.positive);
  const positive = data.leads.map((lead) => (lead.stage ?? 0) >= positiveIndex);
  const out: ScoreResult = { fit: 0, intent: 0, combined: 0, mql: false, icp: false, handRaise: false };
  const scores: number[] = [];
  const passes: boolean[] = [];
  for (const [index, view] of views.entries()) {
    try {
      policies.scoring.score(view, true, out);
    } catch (error) {
      // The backtest is this one policy's scores: a custom module that fails on a lead leaves nothing to show.
      if (!(error instanceof PolicyError)) throw error;
      throw new InputError(loaded.file, [
        { path: `policies.${policyName}.scoring.module`, message: `${error.message} (on the lead with id ${JSON.stringify(data.leads[index]!.id)}, line ${data.leads[index]!.line} of ${data.file})`, fix: 'fix the module so that score() sets out.mql, fit, intent and combined for every lead' },
      ]);
    }
    scores.push(out.combined);
    passes.push(out.mql);
  }
  const byRule = config.module === undefined && config.rule === 'combined';
  const top = Math.max(100, config.fitCap + config.intentCap);
  const thresholds = [...new Set([...Array.from({ length: Math.floor(top / 5) + 1 }, (_, k) => k * 5), config.threshold])].sort((a, b) => a - b);
  const rows = thresholds.map((threshold) => {
    if (!byRule) return cutRow(threshold, scores.map((score) => score >= threshold), positive);
    const scoring = rubricScoring({ ...config, threshold });
    const passed = views.map((view) => {
      scoring.score(view, true, out);
      return out.mql;
    });
    return cutRow(threshold, passed, positive);
  });
  const positives = positive.filter(Boolean).length;
  const curve = liftCurve(scores, positive);
  const sorted = [...scores].sort((a, b) => a - b);
  const quantile = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return {
    backtest: {
      file: data.file,
      mapping: data.mappingFile,
      scenario: loaded.file,
      policy: policyName,
      positiveStage: outcome.positive,
      rows: { total: data.totalRows, used: data.leads.length, leftOut: data.unusableRows },
      problems: data.problems,
      leads: data.leads.length,
      positives,
      baseRate: positives / data.leads.length,
      assumed,
      thresholdsBy: byRule ? 'rule' : 'score',
      configuredThreshold: byRule ? config.threshold : null,
      asConfigured: cutRow(null, passes, positive),
      thresholds: rows,
      lift: curve.deciles,
      scoreQuantiles: { p10: quantile(0.1), p50: quantile(0.5), p90: quantile(0.9) },
    },
    liftSteps: curve.steps,
  };
}
