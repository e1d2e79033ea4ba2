import { stringify } from 'csv-stringify/sync';

/** Cells a spreadsheet would run as a formula; text starting with these is prefixed with a quote. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(value: unknown): string | number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  if (value === null || value === undefined) return '';
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** CSV text with a header row; strings are escaped against formula injection, numbers are left as numbers. */
export function csvText(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return stringify([header.map(safeCell), ...rows.map((row) => row.map(safeCell))], { record_delimiter: '\n' });
}
