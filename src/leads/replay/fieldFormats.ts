/** Calendar fields read from a timestamp; offset in minutes east of UTC when the text carries one. */
export interface TimestampFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  offsetMinutes?: number;
}

/** Reads one text, or returns null when it does not have this shape. */
export type FieldReader = (text: string) => TimestampFields | null;

const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const SQL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(?: ?(Z|[+-]\d{2}(?::?\d{2})?))?$/;

/** Luxon tokens the fast reader understands; any other letter sends the format to luxon. */
const TOKENS: Record<string, { pattern: string; field: keyof TimestampFields | 'ampm' | 'hour12' }> = {
  yyyy: { pattern: '(\\d{4})', field: 'year' },
  MM: { pattern: '(\\d{2})', field: 'month' },
  M: { pattern: '(\\d{1,2})', field: 'month' },
  dd: { pattern: '(\\d{2})', field: 'day' },
  d: { pattern: '(\\d{1,2})', field: 'day' },
  HH: { pattern: '(\\d{2})', field: 'hour' },
  H: { pattern: '(\\d{1,2})', field: 'hour' },
  hh: { pattern: '(\\d{2})', field: 'hour12' },
  h: { pattern: '(\\d{1,2})', field: 'hour12' },
  mm: { pattern: '(\\d{2})', field: 'minute' },
  ss: { pattern: '(\\d{2})', field: 'second' },
  a: { pattern: '([AaPp][Mm])', field: 'ampm' },
};
const TOKEN_PATTERN = /yyyy|MM|M|dd|d|HH|H|hh|h|mm|ss|a/g;

/**
 * A regex reader for "iso", "sql" and numeric luxon formats (yyyy-MM-dd HH:mm, M/d/yyyy h:mm a, ...): luxon's
 * general parser costs ~100x more per row, which matters on exports with hundreds of thousands of rows.
 * Returns null for formats it cannot compile (month names, quoted text); those go to luxon.
 */
export function compileFormat(format: string): FieldReader | null {
  if (format === 'iso') return (text) => numericMatch(ISO_PATTERN.exec(text));
  if (format === 'sql') return (text) => numericMatch(SQL_PATTERN.exec(text));
  const fields: (keyof typeof TOKENS)[] = [];
  let source = '';
  let last = 0;
  for (const match of format.matchAll(TOKEN_PATTERN)) {
    const literal = format.slice(last, match.index);
    if (/[A-Za-z']/.test(literal)) return null;
    source += escape(literal) + TOKENS[match[0]]!.pattern;
    fields.push(match[0]);
    last = match.index + match[0].length;
  }
  const tail = format.slice(last);
  if (/[A-Za-z']/.test(tail) || fields.length === 0) return null;
  const pattern = new RegExp(`^${source}${escape(tail)}$`);
  return (text) => {
    const match = pattern.exec(text);
    if (match === null) return null;
    const out: TimestampFields = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
    let hour12 = -1;
    let pm: boolean | null = null;
    fields.forEach((token, i) => {
      const value = match[i + 1]!;
      const field = TOKENS[token]!.field;
      if (field === 'ampm') pm = value.toLowerCase() === 'pm';
      else if (field === 'hour12') hour12 = Number(value);
      else if (field !== 'offsetMinutes') out[field] = Number(value);
    });
    if (hour12 >= 0) {
      if (hour12 < 1 || hour12 > 12 || pm === null) return null;
      out.hour = (hour12 % 12) + (pm ? 12 : 0);
    }
    return out;
  };
}

function numericMatch(match: RegExpExecArray | null): TimestampFields | null {
  if (match === null) return null;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', fraction = '', offset] = match;
  const fields: TimestampFields = { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(sec) + (fraction === '' ? 0 : Number(`0.${fraction}`)) };
  if (offset !== undefined) {
    const zone = offset.trim();
    const sign = zone === 'Z' ? 0 : zone[0] === '-' ? -1 : 1;
    const digits = zone.replace(/[^0-9]/g, '');
    fields.offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
  }
  return fields;
}

/** True when the fields name a real date and time (no 31 February, no 25:00). */
export function validFields(fields: TimestampFields): boolean {
  const check = new Date(Date.UTC(fields.year, fields.month - 1, fields.day));
  return (
    fields.month >= 1 &&
    fields.month <= 12 &&
    check.getUTCFullYear() === fields.year &&
    check.getUTCMonth() === fields.month - 1 &&
    check.getUTCDate() === fields.day &&
    fields.hour <= 23 &&
    fields.minute <= 59 &&
    fields.second < 60
  );
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
