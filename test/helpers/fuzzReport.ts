/** Case counters for the fuzz suite: each property counts what it tried and prints one summary line. */
export class CaseCounter {
  private readonly counts = new Map<string, number>();
  private readonly notes = new Map<string, number>();
  total = 0;

  constructor(readonly label: string) {}

  /** Counts one case under `outcome` (e.g. "loaded", "rejected"). */
  add(outcome: string): void {
    this.total++;
    this.counts.set(outcome, (this.counts.get(outcome) ?? 0) + 1);
  }

  /** Counts something about a case (e.g. "stopped early") without counting another case. */
  note(label: string): void {
    this.notes.set(label, (this.notes.get(label) ?? 0) + 1);
  }

  get(outcome: string): number {
    return this.counts.get(outcome) ?? 0;
  }

  noted(label: string): number {
    return this.notes.get(label) ?? 0;
  }

  /** "[fuzz] label: 1200 cases (loaded 140, rejected 1060); notes" on stdout, for the README's case counts. */
  print(): string {
    const parts = [...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([outcome, n]) => `${outcome} ${n}`);
    const notes = [...this.notes.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([label, n]) => `${label}: ${n}`);
    const line = `[fuzz] ${this.label}: ${this.total} cases (${parts.join(', ')})${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`;
    console.log(line);
    return line;
  }
}

/** Runs `body` and prints the counter's summary whether it passed or failed. */
export async function counted<T>(counter: CaseCounter, body: () => T | Promise<T>): Promise<T> {
  try {
    return await body();
  } finally {
    counter.print();
  }
}
