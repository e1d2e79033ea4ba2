import type { FormType, Role } from '../leads/fields.js';
import type { Tier } from '../scenario/schema/policy.js';

/** Read-only view of one lead, valid only during the call that receives it (it is a reused cursor). */
export interface LeadView {
  readonly ordinal: number;
  readonly sourceName: string;
  readonly form: FormType;
  /** Index of form in FORM_TYPES (cheaper to compare than the name). */
  readonly formIndex: number;
  /** Signal bits in the layout of SIGNALS (fit first, then intent). */
  readonly signals: number;
  has(signal: string): boolean;
  readonly daysInactive: number;
  readonly acv: number;
  readonly namedAccount: boolean;
  readonly timeZone: string;
  readonly recycleCount: number;
  /** Minutes since the simulation start at which the lead raised its hand. */
  readonly raisedAt: number;
}

/** Written by a scoring policy; reused between calls. */
export interface ScoreResult {
  fit: number;
  intent: number;
  combined: number;
  mql: boolean;
  icp: boolean;
  /** Qualified by a hand-raise override rather than points. */
  handRaise: boolean;
}

export interface ScoringPolicy {
  readonly name: string;
  /** `enriched` is false before enrichment lands: only form-provided fit signals are visible. */
  score(lead: LeadView, enriched: boolean, out: ScoreResult): void;
}

export interface RoutingPolicy {
  readonly name: string;
  readonly tiers: readonly Tier[];
  /** Index into tiers, or -1 to send the MQL to nurture instead of sales. */
  tierOf(lead: LeadView, score: ScoreResult): number;
  /** Optional: choose among candidate reps (indexes); return one of them. Built-in distribution when absent. */
  pickRep?(lead: LeadView, candidates: readonly number[], openLeads: (rep: number) => number): number;
}

/** Business-time arithmetic on the calendar of the team the lead is routed to. */
export interface SlaClock {
  addBusinessMinutes(t: number, minutes: number): number;
  endOfBusinessDay(t: number): number;
  /** Average open minutes in one business day of that calendar. */
  readonly openMinutesPerDay: number;
}

export interface SlaPolicy {
  readonly name: string;
  /** Absolute time (minutes) by which the first touch must happen. */
  deadline(lead: LeadView, tier: Tier, mqlAt: number, clock: SlaClock, surgeActive: boolean): number;
}

export interface CadencePolicy {
  readonly name: string;
  /** Due time of touch `attempt` (2, 3, ...), or -1 when the cadence is over. */
  nextTouchAt(lead: LeadView, tier: Tier, attempt: number, firstTouchAt: number, clock: CadenceClock): number;
}

/** The same clock on the calendar of the rep who touches the lead. */
export type CadenceClock = SlaClock;

export interface PolicySet {
  name: string;
  scoring: ScoringPolicy;
  routing: RoutingPolicy;
  sla: SlaPolicy;
  cadence: CadencePolicy;
}

export type { Role };
