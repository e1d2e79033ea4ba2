import { z } from 'zod';
import { UsageError } from '../../errors.js';

/** "hot:0.85@5m": at least 85% of the hot tier's assigned leads first touched within 5 minutes of the MQL. */
export const StaffTarget = z.object({
  /** The text as given on the command line, used as the target's name in every output. */
  text: z.string(),
  tier: z.string(),
  /** Required share in (0, 1). */
  fraction: z.number().gt(0).lt(1),
  /** Response window in minutes. */
  minutes: z.number().positive(),
});
export type StaffTarget = z.infer<typeof StaffTarget>;

const UNIT_MINUTES: Record<string, number> = { s: 1 / 60, sec: 1 / 60, m: 1, min: 1, h: 60, hr: 60, d: 1440 };

/** "20s", "5m", "1.5h", "1d" -> minutes; a bare number is refused because its unit would be a guess. */
export function parseDuration(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d)\s*$/i.exec(text);
  if (match === null) throw new UsageError(`duration "${text}" is not understood; write a number and a unit: 20s, 5m, 1h or 1d`);
  const minutes = Number(match[1]) * UNIT_MINUTES[match[2]!.toLowerCase()]!;
  if (!(minutes > 0)) throw new UsageError(`duration "${text}" must be longer than zero`);
  return minutes;
}

/** "0.85" or "85%" -> 0.85, strictly between 0 and 1 (a 100% target can never be shown with confidence). */
function parseFraction(text: string, whole: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  const value = match === null ? NaN : Number(match[1]) / (match[2] === '%' ? 100 : 1);
  if (!(value > 0 && value < 1)) {
    throw new UsageError(`--target "${whole}": the share "${text}" must be a fraction strictly between 0 and 1 (e.g. 0.85) or a percentage (e.g. 85%)`);
  }
  return value;
}

const SHAPE = 'expected "<tier>:<fraction>@<duration>", e.g. --target "hot:0.85@5m"';

/** Parses one --target value; every malformed part gets its own message naming the whole value. */
export function parseTarget(text: string): StaffTarget {
  const match = /^\s*([^:@]+?)\s*:\s*([^@]+?)\s*@\s*(.+?)\s*$/.exec(text);
  if (match === null) throw new UsageError(`--target "${text}" is not understood: ${SHAPE}`);
  const [tier, share, duration] = [match[1]!, match[2]!, match[3]!];
  let minutes: number;
  try {
    minutes = parseDuration(duration);
  } catch (error) {
    throw new UsageError(`--target "${text}": ${(error as Error).message}`);
  }
  return { text: text.trim(), tier, fraction: parseFraction(share, text), minutes };
}

/** "20 s", "5 min", "1 h", "1.5 d": a duration back in the unit the planner most likely wrote. */
export function durationLabel(minutes: number): string {
  const round = (value: number) => String(Number(value.toFixed(2)));
  if (minutes < 1) return `${round(minutes * 60)} s`;
  if (minutes < 60 || minutes % 60 !== 0) return minutes < 120 ? `${round(minutes)} min` : `${round(minutes / 60)} h`;
  if (minutes < 1440 || minutes % 1440 !== 0) return `${round(minutes / 60)} h`;
  return `${round(minutes / 1440)} d`;
}

/** "85% of hot leads touched within 5 min". */
export function describeTarget(target: StaffTarget): string {
  return `${Number((target.fraction * 100).toFixed(2))}% of ${target.tier} leads touched within ${durationLabel(target.minutes)}`;
}
