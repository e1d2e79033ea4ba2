import { FORM_TYPES, SIGNALS, type FormType } from '../../leads/fields.js';
import type { LeadView } from '../../policies/types.js';

/** A historical lead as the policies see a simulated one (a plain object: backtests are not on a hot path). */
export class HistoricalLead implements LeadView {
  readonly recycleCount = 0;

  constructor(
    readonly ordinal: number,
    readonly sourceName: string,
    readonly formIndex: number,
    readonly signals: number,
    readonly daysInactive: number,
    readonly acv: number,
    readonly namedAccount: boolean,
    readonly timeZone: string,
    readonly raisedAt: number,
  ) {}

  get form(): FormType {
    return FORM_TYPES[this.formIndex]!;
  }

  has(signal: string): boolean {
    const bit = SIGNALS.indexOf(signal as (typeof SIGNALS)[number]);
    return bit >= 0 && (this.signals & (1 << bit)) !== 0;
  }
}
