import { FORM_TYPES } from '../leads/fields.js';

export const MOTIONS = ['ae-direct', 'sdr-qualified', 'sdr-escalated'] as const;
export const CLOSE_TOUCHES = ['sales-touch', 'marketing-nurture'] as const;

/** The ledger's keys for these channels, in its order (pipelineByChannel and wonByChannel are keyed by them). */
export function creditKeys(channels: readonly string[]): string[] {
  return [
    ...channels.map((channel) => `first-touch:${channel}`),
    ...FORM_TYPES.map((form) => `lead-creation:${form}`),
    ...MOTIONS.map((motion) => `opportunity-creation:${motion}`),
    ...CLOSE_TOUCHES.map((touch) => `close:${touch}`),
  ];
}

/**
 * Dollar credit per channel key ("first-touch:<channel>", "lead-creation:<form>", "opportunity-creation:<motion>",
 * "close:<touch>"), kept in a typed array indexed by precomputed key positions so crediting allocates nothing.
 */
export class CreditLedger {
  readonly keys: string[];
  readonly dollars: Float64Array;
  readonly firstTouchBase: number;
  readonly leadCreationBase: number;
  readonly motionBase: number;
  readonly closeBase: number;

  constructor(channels: readonly string[]) {
    this.keys = creditKeys(channels);
    this.firstTouchBase = 0;
    this.leadCreationBase = channels.length;
    this.motionBase = this.leadCreationBase + FORM_TYPES.length;
    this.closeBase = this.motionBase + MOTIONS.length;
    this.dollars = new Float64Array(this.keys.length);
  }

  /** The 30/30/30/10 split of one opportunity's dollars. */
  credit(channel: number, form: number, motion: number, closeTouch: number, dollars: number): void {
    const d = this.dollars;
    d[this.firstTouchBase + channel]! += 0.3 * dollars;
    d[this.leadCreationBase + form]! += 0.3 * dollars;
    d[this.motionBase + motion]! += 0.3 * dollars;
    d[this.closeBase + closeTouch]! += 0.1 * dollars;
  }

  /** Non-zero credits as a plain object with keys in sorted order (deterministic JSON). */
  toRecord(): Record<string, number> {
    const entries: [string, number][] = [];
    this.keys.forEach((key, i) => {
      if (this.dollars[i] !== 0) entries.push([key, this.dollars[i]!]);
    });
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}
