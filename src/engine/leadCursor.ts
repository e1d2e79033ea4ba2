import { FORM_TYPES, SIGNALS, type FormType } from '../leads/fields.js';
import type { LeadView } from '../policies/types.js';
import { LeadFlag, type LeadStore } from './leadStore.js';

/** The LeadView handed to policies: one reused cursor over the lead store, so policy calls allocate nothing. */
export class LeadCursor implements LeadView {
  slot = 0;

  constructor(
    private readonly store: LeadStore,
    private readonly sourceNames: readonly string[],
    private readonly zoneNames: readonly string[],
  ) {}

  at(slot: number): this {
    this.slot = slot;
    return this;
  }

  get ordinal(): number {
    return this.store.ordinal[this.slot]!;
  }
  get sourceName(): string {
    return this.sourceNames[this.store.source[this.slot]!]!;
  }
  get form(): FormType {
    return FORM_TYPES[this.store.form[this.slot]!]!;
  }
  get formIndex(): number {
    return this.store.form[this.slot]!;
  }
  get signals(): number {
    return this.store.signals[this.slot]!;
  }
  has(signal: string): boolean {
    const bit = SIGNALS.indexOf(signal as (typeof SIGNALS)[number]);
    return bit >= 0 && (this.store.signals[this.slot]! & (1 << bit)) !== 0;
  }
  get daysInactive(): number {
    return this.store.daysInactive[this.slot]!;
  }
  get acv(): number {
    return this.store.acv[this.slot]!;
  }
  get namedAccount(): boolean {
    return (this.store.flags[this.slot]! & LeadFlag.NamedAccount) !== 0;
  }
  get timeZone(): string {
    return this.zoneNames[this.store.timeZone[this.slot]!]!;
  }
  get recycleCount(): number {
    return this.store.recycles[this.slot]!;
  }
  get raisedAt(): number {
    return this.store.raisedAt[this.slot]!;
  }
}
