import type { Counts } from './collector.js';

/** One replication of one policy: plain data, cheap to send from a worker and to merge. */
export interface ReplicationResult {
  policy: string;
  replication: number;
  counts: Counts;
  tiers: TierResult[];
  speedToLead: Quantiles;
  /** Non-empty bins of the speed-to-lead histogram: [bin, count]. */
  speedBins: [number, number][];
  rejections: Record<string, number>;
  pipeline: number;
  wonDollars: number;
  pipelineCredit: Record<string, number>;
  wonCredit: Record<string, number>;
  repUtilization: number;
  utilizationByRole: { sdr: number | null; ae: number | null };
  busyRepHours: number;
  meanQueueLength: number;
  daily: DailyResult;
  events: number;
  /** Why the run stopped early (a resource limit), or null when it ran to the end. */
  stopped: string | null;
}

export interface Quantiles {
  mean: number;
  p50: number;
  p90: number;
}

export interface TierResult extends Quantiles {
  name: string;
  assigned: number;
  touched: number;
  inSla: number;
  sql: number;
}

export interface DailyResult {
  arrivals: number[];
  mqls: number[];
  assigned: number[];
  inSla: number[];
  queueLength: number[];
  surge: number[];
}
