import type { Scenario } from '../scenario/schema/scenario.js';
import { hourlyRates } from '../leads/arrivals.js';
import { localToSimMinutes, MINUTES_PER_DAY, MINUTES_PER_WEEK, OpenCalendar, originOf, weeklyHours } from './calendar.js';

/**
 * Everything about a scenario that does not depend on the replication or the policy, computed once and
 * shared: the time frame, expanded calendars, arrival rate tables, the time-zone table.
 */
export class World {
  readonly originMs: number;
  readonly warmupEnd: number;
  readonly horizonEnd: number;
  /** Hard stop: horizon plus drain. */
  readonly runEnd: number;
  readonly days: number;
  readonly calendars = new Map<string, OpenCalendar>();
  readonly zones: string[];
  /** Prospect calling window per zone index (null when the prospect can be called any time). */
  readonly prospectHours: (OpenCalendar | null)[];
  readonly sourceNames: string[];
  readonly sourceRates: Float64Array[];
  readonly sourceZones: { indexes: number[]; weights: number[] }[];
  /** Union of every source's surge windows (ramps included), as sorted [start, end) minutes. */
  readonly surgeWindows: [number, number][];

  constructor(readonly scenario: Scenario) {
    this.originMs = originOf(scenario.start, scenario.timeZone);
    this.warmupEnd = scenario.warmupWeeks * MINUTES_PER_WEEK;
    this.horizonEnd = scenario.horizonWeeks * MINUTES_PER_WEEK;
    this.runEnd = this.horizonEnd + scenario.drainDays * MINUTES_PER_DAY;
    this.days = Math.ceil(this.runEnd / MINUTES_PER_DAY);
    const expandUntil = this.runEnd + 14 * MINUTES_PER_DAY;

    const specs: Record<string, { timeZone?: string | undefined; hours: Scenario['calendars'][string]['hours']; holidays: string[] }> = {
      business: { timeZone: scenario.timeZone, hours: { 'mon-fri': '09:00-17:00' }, holidays: [] },
      always: { timeZone: scenario.timeZone, hours: '24/7', holidays: [] },
      ...scenario.calendars,
    };
    for (const [name, spec] of Object.entries(specs)) {
      const weekly = weeklyHours(spec.hours);
      this.calendars.set(name, OpenCalendar.expand({ timeZone: spec.timeZone ?? scenario.timeZone, weekly, holidays: spec.holidays, originMs: this.originMs, untilMinutes: expandUntil }));
    }

    const zoneSet = new Set<string>([scenario.timeZone]);
    for (const source of Object.values(scenario.sources)) for (const zone of Object.keys(source.prospectTimeZones ?? {})) zoneSet.add(zone);
    for (const pod of Object.values(scenario.team)) for (const zone of pod.serves ?? []) zoneSet.add(zone);
    this.zones = [...zoneSet];

    const prospect = scenario.prospect;
    this.prospectHours = this.zones.map((zone) => {
      if (prospect.hours === 'any') return null;
      const days = prospect.days === 'daily' ? 'daily' : 'weekdays';
      return OpenCalendar.expand({ timeZone: zone, weekly: weeklyHours({ [days]: prospect.hours }), originMs: this.originMs, untilMinutes: expandUntil });
    });

    this.sourceNames = Object.keys(scenario.sources);
    const hours = Math.ceil(this.horizonEnd / 60);
    this.sourceRates = Object.values(scenario.sources).map((source) => hourlyRates(source, scenario.timeZone, this.originMs, hours));
    this.surgeWindows = mergeWindows(
      Object.values(scenario.sources).flatMap((source) =>
        source.surges.map((surge): [number, number] => {
          const start = localToSimMinutes(surge.start, scenario.timeZone, this.originMs);
          return [start - surge.rampHours * 60, start + (surge.hours + surge.rampHours) * 60];
        }),
      ),
    );
    this.sourceZones = Object.values(scenario.sources).map((source) => {
      const weights = source.prospectTimeZones ?? { [scenario.timeZone]: 1 };
      return { indexes: Object.keys(weights).map((zone) => this.zones.indexOf(zone)), weights: Object.values(weights) };
    });
  }

  inSurgeWindow(t: number): boolean {
    for (const [start, end] of this.surgeWindows) if (t >= start && t < end) return true;
    return false;
  }

  calendar(name: string): OpenCalendar {
    const calendar = this.calendars.get(name);
    if (calendar === undefined) throw new Error(`calendar "${name}" is not defined`);
    return calendar;
  }

  /** The calendar `name` with some local days removed (a rep's out-of-office days). */
  calendarWithout(name: string, skipDays: ReadonlySet<string>): OpenCalendar {
    return this.calendar(name).without(skipDays);
  }

  /** Expected arrivals in the measured window, across sources (for sizing and sanity checks). */
  expectedMeasuredArrivals(): number {
    let total = 0;
    const first = Math.floor(this.warmupEnd / 60);
    for (const rates of this.sourceRates) for (let h = first; h < rates.length; h++) total += rates[h]! * 60;
    return total;
  }
}

function mergeWindows(windows: [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [start, end] of [...windows].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
