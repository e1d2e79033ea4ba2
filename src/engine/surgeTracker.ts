import { MINUTES_PER_DAY } from './calendar.js';

/**
 * The surge protocol's trigger: today's MQLs against k x the trailing average of earlier days. Once
 * tripped, the protocol stays on for the rest of that day and the whole next day.
 */
export class SurgeTracker {
  private readonly mqlsByDay: Float64Array;
  private activeUntil = -Infinity;
  private checkedDay = -1;
  private threshold = Infinity;

  constructor(
    days: number,
    private readonly factor: number,
    private readonly trailingDays: number,
    private readonly minHistoryDays: number,
  ) {
    this.mqlsByDay = new Float64Array(days + 1);
  }

  /** Counts an MQL at `now` and returns whether the protocol is active at that moment. */
  recordMql(now: number): boolean {
    const day = Math.min(Math.floor(now / MINUTES_PER_DAY), this.mqlsByDay.length - 1);
    if (day !== this.checkedDay) {
      this.checkedDay = day;
      this.threshold = this.thresholdFor(day);
    }
    const count = ++this.mqlsByDay[day]!;
    if (count > this.threshold) this.activeUntil = Math.max(this.activeUntil, (day + 2) * MINUTES_PER_DAY);
    return now < this.activeUntil;
  }

  isActive(now: number): boolean {
    return now < this.activeUntil;
  }

  private thresholdFor(day: number): number {
    const history = Math.min(day, this.trailingDays);
    if (history < this.minHistoryDays) return Infinity;
    let sum = 0;
    for (let d = day - history; d < day; d++) sum += this.mqlsByDay[d]!;
    return this.factor * (sum / history);
  }
}
