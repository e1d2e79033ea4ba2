import { z } from 'zod';
import { UsageError } from '../../errors.js';
import type { Scenario } from '../../scenario/schema/scenario.js';
import { metricKind, resolveMetric } from './metrics.js';

export const Objective = z.object({
  metric: z.string(),
  direction: z.enum(['maximize', 'minimize']),
});
export type Objective = z.infer<typeof Objective>;

export const Operator = z.enum(['>=', '<=', '>', '<']);
export type Operator = z.infer<typeof Operator>;

export const Constraint = z.object({
  /** As typed on the command line. */
  text: z.string(),
  metric: z.string(),
  operator: Operator,
  value: z.number(),
});
export type Constraint = z.infer<typeof Constraint>;

const SCALE: Record<string, number> = { '': 1, k: 1e3, m: 1e6, b: 1e9 };
const VALUE = /^\$?([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(%|[kmb])?$/i;

/**
 * Parses `metric>=value` (operators >=, <=, >, <). Values may be fractions (0.85), percentages (85%) or
 * dollar amounts with a K/M/B suffix ($12M).
 */
export function parseConstraint(text: string, scenario: Scenario, policy: string): Constraint {
  const normalised = text.replace(/\u2265/g, '>=').replace(/\u2264/g, '<=');
  const match = /^\s*([^<>=!]+?)\s*(>=|<=|>|<|==|=|!=)\s*(.+?)\s*$/.exec(normalised);
  if (match === null) throw new UsageError(`--require "${text}": expected metric, operator and value, e.g. --require "slaCompliance>=0.85"`);
  const [, name, operator, valueText] = match;
  const parsedOperator = Operator.safeParse(operator);
  if (!parsedOperator.success) throw new UsageError(`--require "${text}": use one of the operators >=, <=, > or < (got ${operator})`);
  const value = VALUE.exec(valueText!);
  if (value === null) throw new UsageError(`--require "${text}": "${valueText}" is not a number (write 0.85, 85% or $12M)`);
  const suffix = (value[2] ?? '').toLowerCase();
  const number = Number(value[1]) * (suffix === '%' ? 0.01 : SCALE[suffix]!);
  const metric = resolveMetric(name!, scenario, policy, `--require "${text}"`);
  // "slaCompliance>=85" meant 85%: as a share it can never be met, and the sweep would say so only at the end.
  if (metricKind(metric) === 'rate' && suffix === '' && number > 1) {
    const outcome = parsedOperator.data === '>=' || parsedOperator.data === '>' ? 'can never be met' : 'always holds';
    throw new UsageError(`--require "${text}": ${metric} is a share from 0 to 1, so ${valueText} ${outcome}; write ${valueText}% or ${Number((number / 100).toPrecision(12))}`);
  }
  return { text: text.trim(), metric, operator: parsedOperator.data, value: Number(number.toPrecision(12)) };
}

export function parseObjective(maximize: string | undefined, minimize: string | undefined, scenario: Scenario, policy: string): Objective | null {
  if (maximize !== undefined && minimize !== undefined) throw new UsageError('--maximize and --minimize cannot both be given; give one');
  if (maximize !== undefined) return { metric: resolveMetric(maximize, scenario, policy, '--maximize'), direction: 'maximize' };
  if (minimize !== undefined) return { metric: resolveMetric(minimize, scenario, policy, '--minimize'), direction: 'minimize' };
  return null;
}

/** Whether a value meets a constraint; an undefined metric (no MQLs, say) never does. */
export function satisfies(value: number | null, constraint: Constraint): boolean {
  if (value === null) return false;
  switch (constraint.operator) {
    case '>=':
      return value >= constraint.value;
    case '<=':
      return value <= constraint.value;
    case '>':
      return value > constraint.value;
    case '<':
      return value < constraint.value;
  }
}

/** How far a value falls short of a constraint, relative to its bound (0 when met), for "closest point" notes. */
export function shortfall(value: number | null, constraint: Constraint): number {
  if (value === null) return Infinity;
  if (satisfies(value, constraint)) return 0;
  return Math.abs(value - constraint.value) / Math.max(Math.abs(constraint.value), 1e-9);
}
