import type { SweepJson } from '../experiment/sweep/result.js';
import { csvText } from './csv.js';

/** sweep.csv: one row per point; each metric as mean and 95% interval bounds; feasibility and the best flag. */
export function sweepCsv(sweep: SweepJson): string {
  const header = [
    ...sweep.parameters.map((parameter) => parameter.path),
    ...sweep.metrics.flatMap((metric) => [metric, `${metric}.ci95Low`, `${metric}.ci95High`]),
    'replications',
    'feasible',
    'violations',
    'best',
  ];
  const rows = sweep.points.map((point) => [
    ...sweep.parameters.map((parameter) => point.values[parameter.path]),
    ...sweep.metrics.flatMap((metric) => {
      const estimate = point.metrics[metric];
      return [estimate?.mean ?? null, estimate?.ci95?.[0] ?? null, estimate?.ci95?.[1] ?? null];
    }),
    point.replications,
    point.feasible,
    point.violations.join('; '),
    sweep.best?.index === point.index,
  ]);
  return csvText(header, rows);
}
