import { DateTime } from 'luxon';
import type { Study } from '../experiment/simulate.js';
import { deriveMetrics, flattenMetrics } from '../metrics/derive.js';
import { csvText } from './csv.js';

/** replications.csv: one row per policy x replication with every metric flattened to a column. */
export function replicationsCsv(study: Study): string {
  const rows: { policy: string; replication: number; flat: Record<string, number | null> }[] = [];
  for (const [policy, results] of study.results) {
    for (const result of results) rows.push({ policy, replication: result.replication, flat: flattenMetrics(deriveMetrics(result)) });
  }
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row.flat)))];
  return csvText(
    ['policy', 'replication', ...keys],
    rows.map((row) => [row.policy, row.replication, ...keys.map((key) => row.flat[key] ?? null)]),
  );
}

/**
 * The part of the run a day belongs to: warm-up (it starts before the measured window, so its leads are not counted
 * as assigned or in the SLA), measured, or drain (after the horizon: no new leads, the queues empty).
 */
function dayPhase(day: number, warmupWeeks: number, horizonWeeks: number): 'warm-up' | 'measured' | 'drain' {
  const start = day / 7;
  return start < warmupWeeks ? 'warm-up' : start < horizonWeeks ? 'measured' : 'drain';
}

/** daily.csv: per policy and calendar day, the mean over replications of the daily series. */
export function dailyCsv(study: Study): string {
  const { warmupWeeks, horizonWeeks } = study.loaded.scenario;
  const start = DateTime.fromISO(study.loaded.scenario.start, { zone: 'UTC' });
  const rows: unknown[][] = [];
  for (const [policy, results] of study.results) {
    const days = results[0]?.daily.arrivals.length ?? 0;
    const mean = (pick: (r: (typeof results)[number]) => number[], day: number) => results.reduce((sum, r) => sum + (pick(r)[day] ?? 0), 0) / results.length;
    for (let day = 0; day < days; day++) {
      const assigned = mean((r) => r.daily.assigned, day);
      const inSla = mean((r) => r.daily.inSla, day);
      rows.push([
        policy,
        day,
        start.plus({ days: day }).toISODate(),
        dayPhase(day, warmupWeeks, horizonWeeks),
        round(mean((r) => r.daily.arrivals, day)),
        round(mean((r) => r.daily.mqls, day)),
        round(assigned),
        assigned > 0 ? round(inSla / assigned) : null,
        round(mean((r) => r.daily.queueLength, day)),
        round(mean((r) => r.daily.surge, day)),
      ]);
    }
  }
  return csvText(['policy', 'day', 'date', 'phase', 'arrivals', 'mqls', 'assigned', 'slaCompliance', 'queueLength', 'surgeActiveShare'], rows);
}

const round = (value: number): number => Math.round(value * 10_000) / 10_000;
