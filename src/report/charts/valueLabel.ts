import type { MetricKind } from '../format.js';

/** d3-format of datum.value divided by a unit, with a suffix: one step of a label expression. */
const scaled = (divisor: number, spec: string, prefix: string, suffix: string) => `'${prefix}' + format(datum.value / ${divisor}, '${spec}') + '${suffix}'`;

/**
 * A vega label expression that prints a value as formatValue does (src/report/format.ts), so a legend reads like the
 * figures printed beside it: "$303.9K" in the cells and at the legend's end, not "$304K" there.
 */
export function valueLabelExpr(kind: MetricKind): string {
  const size = 'abs(datum.value)';
  switch (kind) {
    case 'rate':
      return scaled(1, '.1%', '', '');
    case 'dollars':
      return `${size} >= 1e9 ? ${scaled(1e9, '.2f', '$', 'B')} : ${size} >= 1e6 ? ${scaled(1e6, '.2f', '$', 'M')} : ${size} >= 1e3 ? ${scaled(1e3, '.1f', '$', 'K')} : ${scaled(1, '.0f', '$', '')}`;
    case 'minutes':
      // The unit durationUnit picks: seconds under a minute, minutes under 2 h, hours under 2 days, then days.
      return `${size} < 1 ? ${scaled(1 / 60, '.1f', '', ' s')} : ${size} < 120 ? ${scaled(1, '.1f', '', ' min')} : ${size} < 2880 ? ${scaled(60, '.1f', '', ' h')} : ${scaled(1440, '.1f', '', ' d')}`;
    case 'count':
      return scaled(1, ',.0f', '', '');
    default:
      return scaled(1, '.2f', '', '');
  }
}
