import { REJECTION_REASONS } from '../leads/fields.js';
import { DurationHistogram } from './histogram.js';

/** Response-time points from the methodology's rep scoring rubric (minutes from assignment). */
export function responsePoints(minutes: number, sameBusinessDay: boolean): number {
  if (minutes < 5) return 10;
  if (minutes < 15) return 8;
  if (minutes < 60) return 6;
  if (minutes < 240) return 4;
  if (minutes < 480 && sameBusinessDay) return 2;
  return 1;
}

/** Plain counters, filled by the engine during the loop; statistics are derived after it. */
export interface Counts {
  leads: number;
  mqls: number;
  recycledMqls: number;
  /** MQLs handed to a rep or queue (the SLA denominator). */
  assigned: number;
  touched: number;
  touchedInSla: number;
  /** Leads that found no free rep (waited at all): the Erlang waiting probability. */
  waited: number;
  reached: number;
  sal: number;
  rejected: number;
  sql: number;
  opportunities: number;
  won: number;
  recycledSql: number;
  abandoned: number;
  /** Assigned but still untouched when the run ended. */
  untouchedAtEnd: number;
  breaches: number;
  escalations: number;
  reassignments: number;
  misroutes: number;
  abmLeads: number;
  abmLeaked: number;
  abmSuppressed: number;
  /** MQLs no tier took (sent to nurture by routing). */
  unrouted: number;
  surgeHeld: number;
  warmToHot: number;
  longTermNurture: number;
  requalified: number;
  responsePoints: number;
  fiveMinuteResponses: number;
}

export const newCounts = (): Counts => ({
  leads: 0, mqls: 0, recycledMqls: 0, assigned: 0, touched: 0, touchedInSla: 0, waited: 0, reached: 0, sal: 0, rejected: 0,
  sql: 0, opportunities: 0, won: 0, recycledSql: 0, abandoned: 0, untouchedAtEnd: 0, breaches: 0, escalations: 0,
  reassignments: 0, misroutes: 0, abmLeads: 0, abmLeaked: 0, abmSuppressed: 0, unrouted: 0, surgeHeld: 0, warmToHot: 0,
  longTermNurture: 0, requalified: 0, responsePoints: 0, fiveMinuteResponses: 0,
});

export interface TierCounts {
  assigned: number;
  touched: number;
  inSla: number;
  sql: number;
  speed: DurationHistogram;
}

export interface DailySeries {
  arrivals: Float64Array;
  mqls: Float64Array;
  assigned: Float64Array;
  inSla: Float64Array;
  /** Lead-minutes spent waiting for a first touch, by day of enqueue (divide by 1440 for mean queue length). */
  waitingMinutes: Float64Array;
  surge: Uint8Array;
}

/** Everything measured in one replication, filled in place by the engine. */
export class Collector {
  readonly counts = newCounts();
  readonly tiers: TierCounts[];
  readonly speed = new DurationHistogram();
  readonly daily: DailySeries;
  readonly rejections = new Float64Array(REJECTION_REASONS.length);
  /** Pipeline and won dollars credited to channel keys ("source:organic", "asset:demo", ...). */
  readonly pipelineCredit = new Map<string, number>();
  readonly wonCredit = new Map<string, number>();
  pipeline = 0;
  wonDollars = 0;
  busyMinutes = 0;
  /** Busy minutes inside the measured window, by role (0 = SDR, 1 = AE). */
  readonly busyByRole = new Float64Array(2);
  /** Lead-minutes spent waiting for first touch in the measured window (queue-length integral, by Little's law). */
  waitingMinutes = 0;

  constructor(
    readonly tierNames: readonly string[],
    days: number,
  ) {
    this.tiers = tierNames.map(() => ({ assigned: 0, touched: 0, inSla: 0, sql: 0, speed: new DurationHistogram() }));
    this.daily = {
      arrivals: new Float64Array(days),
      mqls: new Float64Array(days),
      assigned: new Float64Array(days),
      inSla: new Float64Array(days),
      waitingMinutes: new Float64Array(days),
      surge: new Uint8Array(days),
    };
  }

  credit(map: Map<string, number>, channel: string, dollars: number): void {
    map.set(channel, (map.get(channel) ?? 0) + dollars);
  }
}
