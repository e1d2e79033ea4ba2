import type { PolicySummary } from '../experiment/aggregate.js';
import type { StudySummary } from '../experiment/simulate.js';
import { flattenMetrics } from '../metrics/derive.js';
import { bandOf } from '../metrics/bands.js';
import { rowUnit, tableMetrics, type DurationUnit, type MetricKind } from './format.js';
import { intervalLegend, meanCell } from './interval.js';

const BAND_MARK: Record<string, string> = { good: 'good', warning: 'warn', 'red flag': 'RED' };

/** A readable plain-text table: one column per policy, mean with 95% interval half-width and band. */
export function summaryTable(summary: StudySummary): string {
  // After a failure or a time limit the policies may have finished different numbers of replications: say so.
  const counts = summary.policies.map((policy) => policy.replications);
  const fewest = Math.min(...counts, summary.replications);
  const replications = fewest === summary.replications ? `${fewest} replication${fewest === 1 ? '' : 's'}` : `${fewest}-${summary.replications} replications (see each policy)`;
  const title = (clipped: boolean) => `${summary.scenario}  seed ${summary.seed}  ${replications}  ${summary.replications === 1 ? '(one replication: values, no intervals)' : intervalLegend(clipped)}`;
  // Stopped before anything finished (Ctrl-C early): a table of dashes would say nothing.
  if (summary.policies.every((policy) => policy.replications === 0)) return `${title(false)}\n\nNo replication finished, so there is nothing to show yet.`;
  const columns = summary.policies.map((policy) => ({ policy, flat: flattenMetrics(policy.metrics) }));
  const rows: string[][] = [['metric', ...summary.policies.map((p) => p.name)]];
  let clipped = false;
  const cell = (policy: PolicySummary, value: number | null, key: string, kind: MetricKind, band: string | undefined, unit?: DurationUnit): string => {
    if (value === null) return '-';
    const shown = meanCell(kind, value, policy.ci95[key], unit);
    clipped ||= shown.clipped;
    return `${shown.text}${band === undefined ? '' : ` [${BAND_MARK[band]}]`}`;
  };
  for (const metric of tableMetrics(summary.policies)) {
    const unit = metric.kind === 'minutes' ? rowUnit(columns.map(({ flat }) => flat[metric.key])) : undefined;
    rows.push([metric.label, ...columns.map(({ policy, flat }) => cell(policy, flat[metric.key] ?? null, metric.key, metric.kind, policy.bands[metric.key], unit))]);
  }
  // Every policy's tiers, in order of first appearance: a custom router may define tiers the baseline lacks.
  const tierNames = [...new Set(summary.policies.flatMap((policy) => Object.keys(policy.metrics.slaComplianceByTier ?? {})))];
  for (const tier of tierNames) {
    // A tier is judged by the overall SLA compliance bands, as the report's tier rows are.
    const key = `slaComplianceByTier.${tier}`;
    rows.push([`  SLA compliance: ${tier}`, ...columns.map(({ policy, flat }) => cell(policy, flat[key] ?? null, key, 'rate', bandOf('slaCompliance', flat[key] ?? null) ?? undefined))]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const lines = rows.map((row) => row.map((text, i) => (i === 0 ? text.padEnd(widths[i]!) : text.padStart(widths[i]!))).join('  '));
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const incomplete = summary.policies.flatMap((p) => p.incomplete.map((i) => `  ${p.name} replication ${i.replication}: ${i.reason}`));
  const failed = summary.policies.flatMap((p) => p.failed.map((f) => `  ${p.name} replication ${f.replication}: ${f.error}`));
  return [
    title(clipped),
    '',
    ...lines,
    ...(incomplete.length > 0 ? ['', 'Stopped early (partial results):', ...incomplete] : []),
    ...(failed.length > 0 ? ['', 'Failed replications (not in the figures above):', ...failed] : []),
  ].join('\n');
}
