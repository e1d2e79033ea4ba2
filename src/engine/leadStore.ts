/**
 * Leads in flight, as parallel typed arrays indexed by slot. Slots are recycled when a lead's story ends, so
 * memory follows the number of leads in progress, not the number simulated.
 */
export const LeadState = {
  Free: 0,
  /** Waiting for enrichment before the MQL decision. */
  Enriching: 1,
  /** Waiting to be assigned (no rep under capacity, or waiting for accept). */
  Unassigned: 2,
  /** In a rep's (or the pooled) queue. */
  Queued: 3,
  /** A rep is working a touch. */
  InService: 4,
  /** Between cadence touches. */
  BetweenTouches: 5,
  /** Rejected or unreached, waiting in nurture for a possible re-qualification. */
  Nurture: 6,
  /** Nurtured by the surge protocol; a follow-up task is due later. */
  SurgeHold: 7,
} as const;

export const NO_REP = -1;

export class LeadStore {
  capacity: number;
  ordinal!: Int32Array;
  seed!: Uint32Array;
  source!: Uint8Array;
  form!: Uint8Array;
  signals!: Uint16Array;
  timeZone!: Uint8Array;
  flags!: Uint16Array;
  state!: Uint8Array;
  tier!: Int8Array;
  attempts!: Uint8Array;
  recycles!: Uint8Array;
  ticket!: Uint8Array;
  /** Identity of the lead in this slot; bumped on release so stale events are ignored. */
  epoch!: Uint16Array;
  /** Reps this lead has been offered since its last acceptance (accept timeouts). */
  offers!: Uint8Array;
  daysInactive!: Float32Array;
  quality!: Float32Array;
  acv!: Float64Array;
  /** Hand-raise (form submission) time: the clock the prospect feels. */
  raisedAt!: Float64Array;
  mqlAt!: Float64Array;
  /** When sales was handed the lead: the MQL time, or the follow-up task of a lead held by the surge protocol. */
  assignedAt!: Float64Array;
  deadline!: Float64Array;
  firstTouchAt!: Float64Array;
  lastTouchAt!: Float64Array;
  coldAt!: Float64Array;
  queuedAt!: Float64Array;
  rep!: Int32Array;
  breachHandle!: Float64Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private used = 0;

  constructor(initialCapacity = 1024) {
    this.capacity = 0;
    this.freeSlots = new Int32Array(initialCapacity);
    this.resize(initialCapacity);
  }

  allocate(): number {
    let slot: number;
    if (this.freeCount > 0) slot = this.freeSlots[--this.freeCount]!;
    else {
      if (this.used === this.capacity) this.resize(this.capacity * 2);
      slot = this.used++;
    }
    this.flags[slot] = 0;
    this.offers[slot] = 0;
    this.recycles[slot] = 0;
    this.breachHandle[slot] = -1;
    this.resetEpisode(slot);
    return slot;
  }

  /** Clears what one qualification episode set (routing, touches, patience): a new lead, or a recycled one coming back. */
  resetEpisode(slot: number): void {
    this.attempts[slot] = 0;
    this.tier[slot] = -1;
    this.rep[slot] = NO_REP;
    this.mqlAt[slot] = NaN;
    this.firstTouchAt[slot] = NaN;
    this.lastTouchAt[slot] = NaN;
    this.coldAt[slot] = Infinity;
  }

  release(slot: number): void {
    this.state[slot] = LeadState.Free;
    this.ticket[slot] = (this.ticket[slot]! + 1) & 0x7f;
    this.epoch[slot] = (this.epoch[slot]! + 1) & 0xffff;
    if (this.freeCount === this.freeSlots.length) {
      const grown = new Int32Array(this.freeSlots.length * 2);
      grown.set(this.freeSlots);
      this.freeSlots = grown;
    }
    this.freeSlots[this.freeCount++] = slot;
  }

  epochOf(slot: number): number {
    return this.epoch[slot]!;
  }

  private resize(capacity: number): void {
    const copy = <T extends { set(array: ArrayLike<number>): void }>(old: T | undefined, make: (n: number) => T): T => {
      const next = make(capacity);
      if (old !== undefined) next.set(old as unknown as ArrayLike<number>);
      return next;
    };
    this.ordinal = copy(this.ordinal, (n) => new Int32Array(n));
    this.seed = copy(this.seed, (n) => new Uint32Array(n));
    this.source = copy(this.source, (n) => new Uint8Array(n));
    this.form = copy(this.form, (n) => new Uint8Array(n));
    this.signals = copy(this.signals, (n) => new Uint16Array(n));
    this.timeZone = copy(this.timeZone, (n) => new Uint8Array(n));
    this.flags = copy(this.flags, (n) => new Uint16Array(n));
    this.state = copy(this.state, (n) => new Uint8Array(n));
    this.tier = copy(this.tier, (n) => new Int8Array(n));
    this.attempts = copy(this.attempts, (n) => new Uint8Array(n));
    this.recycles = copy(this.recycles, (n) => new Uint8Array(n));
    this.ticket = copy(this.ticket, (n) => new Uint8Array(n));
    this.epoch = copy(this.epoch, (n) => new Uint16Array(n));
    this.offers = copy(this.offers, (n) => new Uint8Array(n));
    this.daysInactive = copy(this.daysInactive, (n) => new Float32Array(n));
    this.quality = copy(this.quality, (n) => new Float32Array(n));
    this.acv = copy(this.acv, (n) => new Float64Array(n));
    this.raisedAt = copy(this.raisedAt, (n) => new Float64Array(n));
    this.mqlAt = copy(this.mqlAt, (n) => new Float64Array(n));
    this.assignedAt = copy(this.assignedAt, (n) => new Float64Array(n));
    this.deadline = copy(this.deadline, (n) => new Float64Array(n));
    this.firstTouchAt = copy(this.firstTouchAt, (n) => new Float64Array(n));
    this.lastTouchAt = copy(this.lastTouchAt, (n) => new Float64Array(n));
    this.coldAt = copy(this.coldAt, (n) => new Float64Array(n));
    this.queuedAt = copy(this.queuedAt, (n) => new Float64Array(n));
    this.rep = copy(this.rep, (n) => new Int32Array(n));
    this.breachHandle = copy(this.breachHandle, (n) => new Float64Array(n));
    this.capacity = capacity;
  }
}

/** Bits of LeadStore.flags. */
export const LeadFlag = {
  NamedAccount: 1,
  ActiveOutbound: 2,
  /** Counted in statistics (arrived inside the measured window). */
  Measured: 4,
  Escalated: 8,
  /** This MQL episode is a re-qualification after a recycle. */
  Recycled: 32,
  Reached: 64,
  /** Enrichment has landed: all fit signals are known. */
  Enriched: 128,
  /** The MQL happened inside a source's surge window (for launch-window targets). */
  SurgeWindow: 256,
  /** The surge protocol was on when this episode became an MQL (its SLA is stretched for good). */
  SurgeProtocol: 512,
} as const;
