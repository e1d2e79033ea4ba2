import { REJECTION_REASONS } from '../leads/fields.js';
import type { RepRoster } from '../engine/roster.js';
import type { Collector, TierCounts } from './collector.js';
import type { DurationHistogram } from './histogram.js';
import { MINUTES_PER_DAY } from '../engine/calendar.js';
import type { ReplicationResult, TierResult } from './result.js';

/** Turns the loop's accumulators into a plain ReplicationResult; all statistics are computed here, after the loop. */
export function summarizeReplication(
  collector: Collector,
  roster: RepRoster,
  policy: string,
  replication: number,
  events: number,
  simulatedLeads: number,
  stopped: string | null,
  warmupEnd: number,
  horizonEnd: number,
): ReplicationResult {
  let openMinutes = 0;
  const openByRole = [0, 0];
  for (let rep = 0; rep < roster.count; rep++) {
    const open = roster.calendar[rep]!.openMinutesIn(warmupEnd, horizonEnd);
    openMinutes += open;
    openByRole[roster.role[rep]!]! += open;
  }
  const utilization = (busy: number, open: number) => (open > 0 ? busy / open : null);
  const speed = collector.speed;
  const daily = collector.daily;
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  return {
    policy,
    replication,
    counts: { ...collector.counts },
    tiers: tierResults(collector.tiers, collector.tierNames),
    surgeWindowTiers: collector.surgeTiers === null ? null : tierResults(collector.surgeTiers, collector.tierNames),
    speedToLead: quantilesOf(speed),
    speedBins: sparseBins(speed),
    rejections: Object.fromEntries(REJECTION_REASONS.map((reason, index) => [reason, collector.rejections[index]!])),
    sources: collector.sourceNames.map((name, i) => ({ name, leads: collector.bySource.leads[i]!, mqls: collector.bySource.mqls[i]!, sql: collector.bySource.sql[i]!, won: collector.bySource.won[i]! })),
    pipeline: collector.pipeline,
    wonDollars: collector.wonDollars,
    pipelineCredit: collector.pipelineCredit.toRecord(),
    wonCredit: collector.wonCredit.toRecord(),
    repUtilization: utilization(collector.busyMinutes, openMinutes) ?? 0,
    utilizationByRole: { sdr: utilization(collector.busyByRole[0]!, openByRole[0]!), ae: utilization(collector.busyByRole[1]!, openByRole[1]!) },
    busyRepHours: collector.busyMinutes / 60,
    openRepHours: openMinutes / 60,
    meanQueueLength: collector.waitingMinutes / Math.max(1, horizonEnd - warmupEnd),
    daily: {
      arrivals: Array.from(daily.arrivals),
      mqls: Array.from(daily.mqls),
      assigned: Array.from(daily.assigned),
      inSla: Array.from(daily.inSla),
      queueLength: Array.from(daily.waitingMinutes, (minutes) => round(minutes / MINUTES_PER_DAY)),
      surge: Array.from(daily.surge),
    },
    events,
    simulatedLeads,
    stopped,
  };
}


function tierResults(tiers: readonly TierCounts[], names: readonly string[]): TierResult[] {
  return tiers.map((tier, index) => ({
    name: names[index]!,
    assigned: tier.assigned,
    touched: tier.touched,
    inSla: tier.inSla,
    sql: tier.sql,
    ...quantilesOf(tier.speed),
    speedBins: sparseBins(tier.speed),
  }));
}

/** Non-empty histogram bins as [bin, count] pairs. */
function sparseBins(histogram: DurationHistogram): [number, number][] {
  const bins: [number, number][] = [];
  histogram.counts.forEach((count, bin) => {
    if (count > 0) bins.push([bin, count]);
  });
  return bins;
}

/** Mean, median and p90, null when the histogram is empty (JSON has no NaN, and --resume reads this back). */
function quantilesOf(histogram: DurationHistogram): { mean: number | null; p50: number | null; p90: number | null } {
  if (histogram.count === 0) return { mean: null, p50: null, p90: null };
  return { mean: histogram.mean(), p50: histogram.quantile(0.5), p90: histogram.quantile(0.9) };
}
