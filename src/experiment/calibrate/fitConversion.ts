import { z } from 'zod';
import type { Stage } from '../../leads/replay/mapping.js';
import type { ScenarioInput } from '../../scenario/schema/scenario.js';
import { Rate, wilson, type StageRates } from './conversion.js';
import { countedBySource, TuningRunner, type FunnelBases, type Tally } from './runner.js';
import { fitSourceShifts, MIN_SOURCE_MQLS } from './sourceShifts.js';
import { tuneFunnel } from './tune.js';

const simulatedRate = (tally: Tally): Rate => ({ count: tally.count, of: tally.of, rate: tally.of > 0 ? tally.count / tally.of : null, ci95: null });

export const FunnelFit = z.object({
  steps: z.array(z.string()),
  shift: z.number(),
  base: z.record(z.string(), z.number()),
  /** "mqls": tuned on distinct MQL leads -> positive (as the per-source fit); "leads": on every lead. */
  measure: z.enum(['leads', 'mqls']),
  target: z.number(),
  simulated: Rate,
  replications: z.number().int(),
  evaluations: z.number().int(),
  reached: z.boolean(),
});
export type FunnelFit = z.infer<typeof FunnelFit>;

export const SourceFit = z.object({
  /** Sources with fewer export MQLs than this share one pooled shift. */
  minMqls: z.number().int(),
  replications: z.number().int(),
  evaluations: z.number().int(),
  reached: z.boolean(),
  /** Simulated MQL -> positive over every source at the fitted shifts (the funnel alone matched it before). */
  overall: Rate,
  /** The export's per-source rates averaged with the simulated MQL mix: what `overall` should be (the mix follows the draft's MQL rule and arrival noise, not the export). */
  expectedAtSimulatedMix: z.number().nullable(),
  groups: z.array(
    z.object({
      sources: z.array(z.string()),
      pooled: z.boolean(),
      shift: z.number(),
      /** The export's distinct MQL leads -> positive, with its Wilson interval. */
      target: Rate,
      /** Simulated at the fitted shift over the tuning replications. */
      simulated: Rate,
      tolerance: z.number(),
      reached: z.boolean(),
    }),
  ),
  unfitted: z.array(z.object({ name: z.string(), reason: z.string() })),
});
export type SourceFit = z.infer<typeof SourceFit>;

/** Export rates of the fitted groups weighted by their simulated MQLs. */
function atMix(groups: readonly { target: Tally; simulated: Tally }[]): number | null {
  const total = groups.reduce((sum, group) => sum + group.simulated.of, 0);
  return total > 0 ? groups.reduce((sum, group) => sum + (group.simulated.of * group.target.count) / group.target.of, 0) / total : null;
}

export interface ConversionFit {
  funnel: FunnelFit;
  funnelBases: FunnelBases;
  /** Null when the positive stage is not counted per source by the engine (only SQL and won are). */
  sources: SourceFit | null;
  shifts: Map<string, number>;
}

/**
 * Two stages. The funnel's common log-odds shift sets the level (how an average lead converts); then each
 * source's qualityShift moves its leads' hidden quality so its MQL -> positive matches the export's. The level
 * stays in the funnel so a shift means what the schema says (how much better or worse a source's leads are
 * than their signals say) rather than absorbing the engine's default funnel, which would also move reach.
 */
export async function fitConversion(draft: ScenarioInput, file: string, positive: Stage, overall: StageRates, bySource: ReadonlyMap<string, StageRates>, replications: number): Promise<ConversionFit | null> {
  const perSource = countedBySource(positive);
  const target = perSource ? overall.mqlToPositive : overall.leadToPositive;
  if (target.rate === null || !(target.rate > 0 && target.rate < 1)) return null;
  const runner = await TuningRunner.create(draft, file, positive, replications);
  if (runner === null) return null;
  // Close enough: a quarter of the export's own standard error (or 0.1 point), far inside its sampling error.
  const tolerance = Math.max(0.001, 0.25 * Math.sqrt((target.rate * (1 - target.rate)) / target.of));
  const tuning = await tuneFunnel(runner, positive, perSource ? 'mqls' : 'leads', target.rate, tolerance);
  if (tuning === null) return null;
  const funnel: FunnelFit = {
    steps: tuning.steps,
    shift: tuning.shift,
    base: Object.fromEntries(Object.entries(tuning.funnel).map(([step, value]) => [step, value.base])),
    measure: tuning.measure,
    target: tuning.target,
    simulated: simulatedRate(tuning.simulated),
    replications,
    evaluations: tuning.evaluations,
    reached: tuning.reached,
  };
  if (!perSource) return { funnel, funnelBases: tuning.funnel, sources: null, shifts: new Map() };
  const targets = [...bySource.entries()].map(([name, rates]) => ({ name, count: rates.mqlToPositive.count, of: rates.mqlToPositive.of }));
  const fit = await fitSourceShifts(runner, tuning.funnel, tuning.evaluation, targets);
  const sources: SourceFit = {
    minMqls: MIN_SOURCE_MQLS,
    replications,
    evaluations: fit.evaluations,
    reached: fit.reached,
    overall: simulatedRate(fit.evaluation.mqls!),
    expectedAtSimulatedMix: atMix(fit.groups),
    groups: fit.groups.map((group) => ({
      sources: group.sources,
      pooled: group.pooled,
      shift: group.shift,
      target: wilson(group.target.count, group.target.of),
      simulated: simulatedRate(group.simulated),
      tolerance: group.tolerance,
      reached: group.reached,
    })),
    unfitted: fit.unfitted,
  };
  return { funnel, funnelBases: tuning.funnel, sources, shifts: fit.shifts };
}
