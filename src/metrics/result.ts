import { z } from 'zod';
import { Counts } from './collector.js';

/** Null where nothing was measured (a tier with no touched leads). */
const Minutes = z.number().nullable();

export const Quantiles = z.object({ mean: Minutes, p50: Minutes, p90: Minutes });
export type Quantiles = z.infer<typeof Quantiles>;

export const TierResult = Quantiles.extend({
  name: z.string(),
  assigned: z.number(),
  touched: z.number(),
  inSla: z.number(),
  sql: z.number(),
  /** Non-empty bins of this tier's speed-to-lead histogram, for "fraction within d" targets. */
  speedBins: z.array(z.tuple([z.number(), z.number()])),
});
export type TierResult = z.infer<typeof TierResult>;

export const DailyResult = z.object({
  arrivals: z.array(z.number()),
  mqls: z.array(z.number()),
  assigned: z.array(z.number()),
  inSla: z.array(z.number()),
  queueLength: z.array(z.number()),
  surge: z.array(z.number()),
});
export type DailyResult = z.infer<typeof DailyResult>;

/** One replication of one policy: plain data, cheap to send from a worker, to store for resume and to merge. */
export const ReplicationResult = z.object({
  policy: z.string(),
  replication: z.number().int().min(0),
  counts: Counts,
  tiers: z.array(TierResult),
  /** Per-tier counts for MQLs created inside a surge window (null when the scenario has no surges). */
  surgeWindowTiers: z.array(TierResult).nullable(),
  speedToLead: Quantiles,
  /** Non-empty bins of the speed-to-lead histogram: [bin, count]. */
  speedBins: z.array(z.tuple([z.number(), z.number()])),
  rejections: z.record(z.string(), z.number()),
  /** Conversion counts by lead source (first-time MQLs only, so rates compare with a CRM's). */
  sources: z.array(z.object({ name: z.string(), leads: z.number(), mqls: z.number(), sql: z.number(), won: z.number() })),
  pipeline: z.number(),
  wonDollars: z.number(),
  pipelineCredit: z.record(z.string(), z.number()),
  wonCredit: z.record(z.string(), z.number()),
  repUtilization: z.number(),
  utilizationByRole: z.object({ sdr: z.number().nullable(), ae: z.number().nullable() }),
  busyRepHours: z.number(),
  /** Rep hours on calendar in the measured window (absences removed): the cost side of staffing. */
  openRepHours: z.number(),
  meanQueueLength: z.number(),
  daily: DailyResult,
  events: z.number(),
  /** Every lead that arrived in the run, warm-up and recycles excluded (for throughput figures). */
  simulatedLeads: z.number(),
  /** Why the run stopped early (a resource limit), or null when it ran to the end. */
  stopped: z.string().nullable(),
});
export type ReplicationResult = z.infer<typeof ReplicationResult>;

/** How `stopped` begins when a run's wall-clock deadline (--timeout) cut it off, not a limit of the scenario. */
export const TIME_LIMIT_STOP = 'time limit reached';

/** A run cut off by the study's deadline: partial by accident of timing, so it is not kept (resume runs it again). */
export function cutOffByDeadline(result: ReplicationResult): boolean {
  return result.stopped !== null && result.stopped.startsWith(TIME_LIMIT_STOP);
}
