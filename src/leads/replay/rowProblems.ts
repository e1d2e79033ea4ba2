import { z } from 'zod';

/** Rows listed per class in messages; the count always covers all of them. */
const LISTED_LINES = 5;

/** One class of unusable rows (e.g. "unparseable date in Create Date"): how many, which lines, an example. */
export const RowProblemClass = z.object({
  problem: z.string(),
  count: z.number().int(),
  /** The first few line numbers (the header is line 1). */
  lines: z.array(z.number().int()),
  example: z.string(),
  fix: z.string(),
  /** The export column the problem is in (absent for whole-row problems such as a wrong number of cells). */
  column: z.string().optional(),
});
export type RowProblemClass = z.infer<typeof RowProblemClass>;

/** Collects unusable rows by problem class, so a bad column is one message, not ten thousand. */
export class RowProblems {
  private readonly classes = new Map<string, RowProblemClass>();
  private readonly badLines = new Set<number>();

  add(problem: string, line: number, example: string, fix: string, column?: string): void {
    this.badLines.add(line);
    let entry = this.classes.get(problem);
    if (entry === undefined) {
      entry = { problem, count: 0, lines: [], example, fix, ...(column === undefined ? {} : { column }) };
      this.classes.set(problem, entry);
    }
    entry.count++;
    if (entry.lines.length < LISTED_LINES) entry.lines.push(line);
  }

  /** Rows with at least one problem. */
  get rowCount(): number {
    return this.badLines.size;
  }

  list(): RowProblemClass[] {
    return [...this.classes.values()];
  }
}

/** "2 rows (lines 4, 5)", "1 row (line 3)", "40 rows (lines 2, 3, ... (35 more))". */
export function rowsAt(entry: RowProblemClass): string {
  const more = entry.count > entry.lines.length ? `, ... (${entry.count - entry.lines.length} more)` : '';
  return `${entry.count} row${entry.count === 1 ? '' : 's'} (line${entry.lines.length === 1 ? '' : 's'} ${entry.lines.join(', ')}${more})`;
}

/** The report printed when rows are left out: one paragraph per class with counts and line numbers. */
export function formatRowProblems(file: string, classes: readonly RowProblemClass[], unusable: number, total: number): string {
  const lines = classes.map((entry) => `  ${entry.problem}: ${rowsAt(entry)}, e.g. ${entry.example}. Fix: ${entry.fix}`);
  return [`${file}: ${unusable} of ${total} row${total === 1 ? '' : 's'} cannot be used${unusable < total ? ' and were left out' : ''}:`, ...lines].join('\n');
}
