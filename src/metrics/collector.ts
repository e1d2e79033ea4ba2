import { z } from 'zod';
import { REJECTION_REASONS } from '../leads/fields.js';
import { CreditLedger } from './creditLedger.js';
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
export const Counts = z.object({
  leads: z.number(),
  mqls: z.number(),
  recycledMqls: z.number(),
  /** MQLs handed to a rep or queue (the SLA denominator). */
  assigned: z.number(),
  touched: z.number(),
  touchedInSla: z.number(),
  /** Leads that found no free rep (waited at all): the Erlang waiting probability. */
  waited: z.number(),
  reached: z.number(),
  sal: z.number(),
  rejected: z.number(),
  sql: z.number(),
  opportunities: z.number(),
  won: z.number(),
  recycledSql: z.number(),
  abandoned: z.number(),
  /** Assigned but still untouched when the run ended. */
  untouchedAtEnd: z.number(),
  breaches: z.number(),
  escalations: z.number(),
  reassignments: z.number(),
  misroutes: z.number(),
  abmLeads: z.number(),
  abmLeaked: z.number(),
  abmSuppressed: z.number(),
  /** MQLs no tier took (sent to nurture by routing). */
  unrouted: z.number(),
  surgeHeld: z.number(),
  warmToHot: z.number(),
  longTermNurture: z.number(),
  requalified: z.number(),
  responsePoints: z.number(),
  fiveMinuteResponses: z.number(),
});
export type Counts = z.infer<typeof Counts>;

export const newCounts = (): Counts => Object.fromEntries(Object.keys(Counts.shape).map((key) => [key, 0])) as Counts;

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
  /** Lead-minutes spent waiting for a first touch, split across the days the wait spans (divide by 1440 for mean queue length). */
  waitingMinutes: Float64Array;
  surge: Uint8Array;
}

const newTierCounts = (): TierCounts => ({ assigned: 0, touched: 0, inSla: 0, sql: 0, speed: new DurationHistogram() });

/** Everything measured in one replication, filled in place by the engine. */
export class Collector {
  readonly counts = newCounts();
  readonly tiers: TierCounts[];
  /** The same per-tier counts for MQLs inside surge windows (null when the scenario has none). */
  readonly surgeTiers: TierCounts[] | null;
  readonly speed = new DurationHistogram();
  readonly daily: DailySeries;
  readonly rejections = new Float64Array(REJECTION_REASONS.length);
  /** Per source: inquiries, first-time MQLs, SQLs and won deals (conversion by lead source). */
  readonly bySource: { leads: Float64Array; mqls: Float64Array; sql: Float64Array; won: Float64Array };
  /** Pipeline and won dollars credited by the 30/30/30/10 split. */
  readonly pipelineCredit: CreditLedger;
  readonly wonCredit: CreditLedger;
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
    hasSurgeWindows: boolean,
    channels: readonly string[],
    readonly sourceNames: readonly string[],
  ) {
    this.bySource = { leads: new Float64Array(sourceNames.length), mqls: new Float64Array(sourceNames.length), sql: new Float64Array(sourceNames.length), won: new Float64Array(sourceNames.length) };
    this.pipelineCredit = new CreditLedger(channels);
    this.wonCredit = new CreditLedger(channels);
    this.tiers = tierNames.map(newTierCounts);
    this.surgeTiers = hasSurgeWindows ? tierNames.map(newTierCounts) : null;
    this.daily = {
      arrivals: new Float64Array(days),
      mqls: new Float64Array(days),
      assigned: new Float64Array(days),
      inSla: new Float64Array(days),
      waitingMinutes: new Float64Array(days),
      surge: new Uint8Array(days),
    };
  }
}
