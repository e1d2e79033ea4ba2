import { UsageError } from '../../errors.js';

/** A --param before it is checked against the scenario: the path and the values asked for. */
export interface ParamRequest {
  path: string;
  values: number[];
  /** The flag as typed, for error messages. */
  text: string;
}

/** More values than this in one --param is almost certainly a typo in the step. */
export const MAX_VALUES_PER_PARAM = 1000;
/** Grid points a sweep will run (each is R replications). */
export const MAX_POINTS = 2000;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const EXAMPLE = 'e.g. --param policies.current.scoring.threshold=55..85:5 or --param team.sdr.count=4,5,6';

/**
 * Parses `path=from..to:step`, `path=v1,v2,...` or `path=v`. Range values are computed as from + k*step and
 * rounded to the decimals written in from and step, so 0.1..0.5:0.1 gives 0.3, not 0.30000000000000004.
 */
export function parseParam(text: string): ParamRequest {
  const equals = text.indexOf('=');
  if (equals <= 0) throw new UsageError(`--param "${text}" needs a field path and values, ${EXAMPLE}`);
  const path = text.slice(0, equals).trim();
  const spec = text.slice(equals + 1).trim();
  const range = /^(.+?)\.\.(.+?)(?::(.+))?$/.exec(spec);
  if (range !== null) {
    const [, fromText, toText, stepText] = range;
    if (stepText === undefined) throw new UsageError(`--param ${text}: a range needs a step after a colon, ${EXAMPLE}`);
    const from = numberIn(text, fromText!);
    const to = numberIn(text, toText!);
    const step = numberIn(text, stepText);
    if (!(step > 0)) throw new UsageError(`--param ${text}: the step must be greater than 0 (got ${stepText})`);
    if (from > to) throw new UsageError(`--param ${text}: the range must go up (from ${fromText} to ${toText}); write it as ${toText}..${fromText}:${stepText}`);
    return { path, values: rangeValues(text, from, to, step, Math.max(decimalsOf(fromText!), decimalsOf(stepText))), text };
  }
  const values = spec.split(',').map((part) => numberIn(text, part));
  const sorted = [...values].sort((a, b) => a - b);
  const repeated = sorted.find((value, index) => index > 0 && value === sorted[index - 1]);
  if (repeated !== undefined) throw new UsageError(`--param ${text}: the value ${repeated} is listed twice`);
  if (sorted.length > MAX_VALUES_PER_PARAM) throw new UsageError(`--param ${text}: ${sorted.length} values is more than the ${MAX_VALUES_PER_PARAM} a sweep allows`);
  return { path, values: sorted, text };
}

function rangeValues(text: string, from: number, to: number, step: number, decimals: number): number[] {
  // A hair of slack so 0..1:0.1 reaches 1 despite binary fractions.
  const steps = Math.floor((to - from) / step + 1e-9);
  if (steps + 1 > MAX_VALUES_PER_PARAM) {
    throw new UsageError(`--param ${text}: that range has ${steps + 1} values, more than the ${MAX_VALUES_PER_PARAM} a sweep allows; use a larger step`);
  }
  const values: number[] = [];
  for (let k = 0; k <= steps; k++) values.push(Number((from + k * step).toFixed(Math.min(decimals, 20))));
  return values;
}

function numberIn(flag: string, text: string): number {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed)) throw new UsageError(`--param ${flag}: "${trimmed}" is not a number, ${EXAMPLE}`);
  return Number(trimmed);
}

/** Digits after the decimal point of a number as written ("2.5e-2" has 3). */
export function decimalsOf(text: string): number {
  const match = /^[+-]?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text.trim());
  if (match === null) return 0;
  return Math.max(0, (match[2] ?? '').length - Number(match[3] ?? 0));
}

/** Every combination of the parameters' values, the first parameter varying slowest. */
export function gridPoints(values: readonly (readonly number[])[]): number[][] {
  let points: number[][] = [[]];
  for (const list of values) points = points.flatMap((point) => list.map((value) => [...point, value]));
  if (points.length > MAX_POINTS) throw new UsageError(`--param: the sweep has ${points.length} grid points, more than the ${MAX_POINTS} it allows; use larger steps`);
  return points;
}
