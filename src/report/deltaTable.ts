import type { StudySummary } from '../experiment/simulate.js';
import { displayOf, durationDifference, formatValue, minutes, NO_INTERVAL, points, rowUnit, signOf, type MetricKind } from './format.js';

const kindOf = (key: string): MetricKind => displayOf(key)?.kind ?? (key.includes('Dollars') ? 'dollars' : 'rate');
const labelOf = (key: string): string => displayOf(key)?.label ?? key;

/** Paired differences of each challenger against the baseline, with the verdict in plain words. */
export function deltaTable(summary: StudySummary): string {
  const blocks = summary.deltas.map((delta) => {
    const rows = Object.entries(delta.metrics).map(([key, d]) => {
      const kind = kindOf(key);
      // Rates differ in percentage points; a row of durations reads in one unit, its values' ("-0.05 h" beside 12.1 h, not "-2.8 min").
      const unit = rowUnit([d.baseline, d.challenger]);
      const magnitude = (value: number) => (kind === 'rate' ? points(value) : kind === 'minutes' ? durationDifference(value, unit) : formatValue(kind, value));
      const signed = (value: number) => `${signOf(value)}${magnitude(Math.abs(value))}`;
      const side = (value: number) => (kind === 'minutes' ? minutes(value, unit) : formatValue(kind, value));
      return [labelOf(key), side(d.baseline), side(d.challenger), signed(d.difference), d.ci95 === null ? NO_INTERVAL : `[${signed(d.ci95[0])}, ${signed(d.ci95[1])}]`, d.verdict];
    });
    if (rows.length === 0) return `${delta.policy} vs ${delta.baseline}: no replications finished for both, nothing to compare`;
    const header = ['metric', delta.baseline, delta.policy, 'difference', '95% CI', 'verdict'];
    const widths = header.map((_, i) => Math.max(header[i]!.length, ...rows.map((row) => row[i]!.length)));
    const format = (row: string[]) =>
      row
        .map((cell, i) => (i === 0 || i === 5 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join('  ')
        .trimEnd();
    return [`${delta.policy} vs ${delta.baseline} (paired over ${delta.pairs} replication${delta.pairs === 1 ? '' : 's'})`, '', format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(format)].join('\n');
  });
  return blocks.join('\n\n');
}
