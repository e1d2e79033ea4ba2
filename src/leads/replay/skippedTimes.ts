import type { Mapping } from './mapping.js';

/**
 * Arrival times that do not exist in the mapping's zone because its clocks skipped them (02:30 on a spring-forward
 * day in America/New_York). luxon and the zone clock quietly read them an hour off; a CRM writes no such time in its
 * own zone, so they mean the mapping names the wrong one. Counted, with the first kept for the warning.
 */
export class SkippedTimes {
  private count = 0;
  private first: { line: number; text: string } | null = null;

  add(line: number, text: string): void {
    this.count++;
    this.first ??= { line, text: text.trim() };
  }

  /** The warning for the export, or null when every arrival time exists. */
  note(file: string, arrival: Mapping['arrival'], mappingFile: string): string | null {
    if (this.first === null) return null;
    const rows = this.count === 1 ? '1 arrival time does' : `${this.count.toLocaleString('en-US')} arrival times do`;
    return (
      `${file}: ${rows} not exist in ${arrival.timeZone}, whose clocks skip that hour when they go forward for daylight saving (first on line ${this.first.line}, "${arrival.column}": "${this.first.text}"); ` +
      `${this.count === 1 ? 'it was' : 'they were'} read an hour off. The export was probably written in another time zone. Fix: set arrival.timeZone in ${mappingFile} to the zone the CRM exported in (its account or user setting; "UTC" if it exports UTC)`
    );
  }
}
