import type { Match } from './mapping.js';

const YES = new Set(['true', 'yes', 'y', '1', 'x', 'checked', 't']);
const NO = new Set(['false', 'no', 'n', '0', '', 'unchecked', 'f']);

/** A yes/no cell: true, false, or null when the text is neither. */
export function yesNo(text: string): boolean | null {
  const value = text.trim().toLowerCase();
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  return null;
}

/** A number cell as CRMs write them ("$45,000", "1 200", "12.5"); null when empty, NaN when unreadable. */
export function numberCell(text: string): number | null {
  const cleaned = text.trim().replace(/^(usd|eur|gbp|brl)\s*/i, '').replace(/[$€£\s,]/g, '').replace(/^R\$/, '');
  if (cleaned === '' || cleaned.toLowerCase() === 'nan') return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : NaN;
}

/** Result of a match rule on one cell: yes, no, or a reason the cell cannot be judged. */
export type MatchResult = boolean | { problem: string; fix: string };

/** A match rule compiled once: lowercased lists, so each row is a set lookup. */
export class CompiledMatch {
  private readonly values: Set<string> | null;
  private readonly fragments: string[] | null;

  constructor(readonly rule: Match) {
    this.values = rule.in === undefined ? null : new Set(rule.in.map((value) => value.trim().toLowerCase()));
    this.fragments = rule.containsAny === undefined ? null : rule.containsAny.map((value) => value.toLowerCase());
  }

  test(text: string): MatchResult {
    const rule = this.rule;
    if (this.values !== null) return this.values.has(text.trim().toLowerCase());
    if (this.fragments !== null) {
      const value = text.toLowerCase();
      return this.fragments.some((fragment) => value.includes(fragment));
    }
    if (rule.present === true) return text.trim() !== '';
    if (rule.truthy === true) {
      const answer = yesNo(text);
      return answer ?? { problem: `not a yes/no value in "${rule.column}"`, fix: `use true/false or yes/no in that column, or change the rule to "in: [...]"` };
    }
    const value = numberCell(text);
    if (value === null) return false;
    if (Number.isNaN(value)) return { problem: `unparseable number in "${rule.column}"`, fix: 'write plain numbers in that column (e.g. 250 or 1,200)' };
    return (rule.min === undefined || value >= rule.min) && (rule.max === undefined || value < rule.max);
  }
}

/** A cell value turned into a source name: accents dropped; letters, digits, "_", "-" and spaces kept; others become "-". */
export function sourceName(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .replace(/[^A-Za-z0-9 _-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+|[-\s]+$/g, '')
    .slice(0, 64);
}
