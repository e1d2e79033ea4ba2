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

/** daily.csv: per policy and calendar day, the mean over replications of the daily series. */
export function dailyCsv(study: Study): string {
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
        round(mean((r) => r.daily.arrivals, day)),
        round(mean((r) => r.daily.mqls, day)),
        round(assigned),
        assigned > 0 ? round(inSla / assigned) : null,
        round(mean((r) => r.daily.queueLength, day)),
        round(mean((r) => r.daily.surge, day)),
      ]);
    }
  }
  return csvText(['policy', 'day', 'date', 'arrivals', 'mqls', 'assigned', 'slaCompliance', 'queueLength', 'surgeActiveShare'], rows);
}

const round = (value: number): number => Math.round(value * 10_000) / 10_000;
