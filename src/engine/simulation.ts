import { FORM_IMPLIED_SIGNAL, FORM_TYPES, REJECTION_REASONS, signalBit, type FormType } from '../leads/fields.js';
import { AttributeGenerator } from '../leads/attributes.js';
import { channelOfSources } from '../leads/channels.js';
import { PiecewisePoissonArrivals } from '../leads/arrivals.js';
import type { FeedRecord, LeadFeed } from '../leads/feed.js';
import { Collector, responsePoints } from '../metrics/collector.js';
import { binOf } from '../metrics/histogram.js';
import { TIME_LIMIT_STOP, type ReplicationResult } from '../metrics/result.js';
import { summarizeReplication } from '../metrics/summarizeReplication.js';
import type { PolicySet, ScoreResult } from '../policies/types.js';
import { CounterSource, entitySeed, hashUniform } from '../random/counter.js';
import { compileDistribution, type Sampler } from '../random/distributions.js';
import { ReplicationStreams, type RandomSource } from '../random/streams.js';
import { BreachAction, QueueOrder, RepDistribution, type Policy } from '../scenario/schema/policy.js';
import type { Scenario } from '../scenario/schema/scenario.js';
import { MINUTES_PER_DAY, type OpenCalendar } from './calendar.js';
import { CalendarClock, nextJointOpen } from './clock.js';
import { EventQueue } from './eventQueue.js';
import { KeyedHeap } from './keyedHeap.js';
import { LeadCursor } from './leadCursor.js';
import { LeadFlag, LeadState, LeadStore, NO_REP } from './leadStore.js';
import { ProspectModel } from './prospect.js';
import { averageOpenMinutesPerDay, RepRoster, ROLE_AE, ROLE_SDR, roleIndex } from './roster.js';
import { SurgeTracker } from './surgeTracker.js';
import type { World } from './world.js';

/** Integer event kinds: the loop dispatches on these, never on closures. */
const EV_ENRICHED = 1;
const EV_ACCEPT = 2;
const EV_ACCEPT_TIMEOUT = 3;
const EV_TOUCH_DONE = 4;
const EV_REP_WAKE = 5;
const EV_TASK_READY = 6;
const EV_SLA_BREACH = 7;
const EV_REQUALIFY = 8;
const EV_SURGE_FOLLOW_UP = 9;
const EV_FEED_ARRIVAL = 10;

/** Counter bases for a lead's own draws; each MQL episode (after a recycle) gets a fresh block. */
const DRAW_PATIENCE = 1;
const DRAW_ACCEPT = 8;
const DRAW_WORK = 32;
const DRAW_REACH = 160;
const DRAW_NAMED_MATCH = 200;
const DRAW_OWNER = 201;
const DRAW_SAL = 210;
const DRAW_REASON = 211;
const DRAW_SQL = 212;
const DRAW_OPPORTUNITY = 213;
const DRAW_WON = 214;
const DRAW_SQL_DAYS = 220;
const DRAW_OPPORTUNITY_DAYS = 230;
const DRAW_CYCLE_DAYS = 240;
const DRAW_ESCALATE = 250;
const DRAW_REQUALIFY = 260;
const DRAW_NEW_FORM = 261;
const DRAW_NURTURE_DAYS = 270;
const EPISODE_STRIDE = 1024;

/** Indexes into MOTIONS and CLOSE_TOUCHES of the credit ledger. */
const MOTION_AE = 0;
const MOTION_SDR = 1;
const MOTION_ESCALATED = 2;
const CLOSE_SALES = 0;
const CLOSE_NURTURE = 1;

/** A policy choice as its index in the schema's enum: the hot path compares these numbers, not strings. */
const ORDER_FIFO = QueueOrder.options.indexOf('fifo');
const ORDER_DEADLINE = QueueOrder.options.indexOf('deadline');
const BREACH_NONE = BreachAction.options.indexOf('none');
const BREACH_ESCALATE = BreachAction.options.indexOf('escalate');
const BREACH_REASSIGN = BreachAction.options.indexOf('reassign');
const DISTRIBUTION_LEAST_LOADED = RepDistribution.options.indexOf('least-loaded');
const DISTRIBUTION_WEIGHTED = RepDistribution.options.indexOf('weighted');

const SLOT_MASK = 0xffffff;
const SLOT_SPAN = 0x1000000;
const FOLLOW_UP_CLASS = 1e12;
const MAX_ASSIGN_TRIES = 4;
const NO_RESPONSE_INDEX = REJECTION_REASONS.indexOf('no response');

/** What tests and debugging can watch; the engine only builds these objects when a tracer is attached. */
export type TraceEvent =
  | { type: 'mql'; lead: number; time: number; form: FormType }
  | { type: 'assign'; lead: number; time: number; rep: number; role: 'sdr' | 'ae' }
  | { type: 'accept-timeout'; lead: number; time: number; rep: number }
  | { type: 'touch'; lead: number; time: number; rep: number; attempt: number; delay: number }
  | { type: 'reach'; lead: number; time: number; attempt: number; reached: boolean; probability: number }
  | { type: 'outcome'; lead: number; time: number; outcome: 'sal' | 'rejected' | 'long-term-nurture' | 'recycled'; reason?: string; recycles: number };

export interface SimulationInput {
  scenario: Scenario;
  world: World;
  policies: PolicySet;
  /** The policy's validated config (for the engine mechanics the policy objects do not cover). */
  policyConfig: Policy;
  replication: number;
  /** Stop once the run has taken this long (ms); checked every few thousand events. */
  deadlineMs?: number;
  trace?: (event: TraceEvent) => void;
  /** Replay: arrivals and attributes from a real export instead of the synthetic sources. */
  leadFeed?: LeadFeed;
  /**
   * @internal Tests only: round-robin and least-loaded routing scan all the role's reps and pooled dispatch asks every
   * idle rep, the definitions the routing shortcuts and the skip of reps waiting to wake up must reproduce.
   */
  fullScans?: boolean;
}

/** One replication of one policy: the discrete-event loop of the whole handoff. */
export class HandoffSimulation {
  private readonly q = new EventQueue(4096);
  private readonly store = new LeadStore(4096);
  private readonly cursor: LeadCursor;
  private readonly score: ScoreResult = { fit: 0, intent: 0, combined: 0, mql: false, icp: false, handRaise: false };
  private readonly draws = new CounterSource();
  private readonly clock = new CalendarClock();
  private readonly collector: Collector;
  private readonly roster: RepRoster;
  private readonly prospect: ProspectModel;
  private readonly surge: SurgeTracker | null;
  private readonly generators: AttributeGenerator[];
  private readonly arrivals: PiecewisePoissonArrivals[];
  private readonly attributeStream: RandomSource;
  private readonly runKey: number;
  private readonly pooled: boolean;
  private readonly roleQueues = [new KeyedHeap(), new KeyedHeap()];
  private readonly backlog = [new KeyedHeap(), new KeyedHeap()];
  private readonly rolePresent = new Uint8Array(2);
  private readonly tierRole: Uint8Array;
  private readonly escalationTiers: Uint8Array;
  /** Whether escalate() can ever say yes: an AE to take the lead, a tier to escalate from, a chance above 0. */
  private readonly mayEscalate: boolean;
  private readonly slaCalendar: OpenCalendar[][];
  private readonly slaOpenMinutesPerDay: number[][];
  private readonly nurtureDays: Sampler;
  /** Picklist index (in prospect.reasons) -> index in REJECTION_REASONS. */
  private readonly reasonCodes: Int32Array;
  private readonly formWeightsBySource: Float64Array[];
  private readonly enrichDelay: number;
  private readonly provisional: boolean;
  private readonly respectProspectHours: boolean;
  // A string from YAML is not interned, so === on it calls a full string comparison: these are enum indexes.
  private readonly queueOrder: number;
  private readonly onBreach: number;
  private readonly distribution: number;
  private readonly followTheSun: boolean;
  private readonly warmupEnd: number;
  private readonly horizonEnd: number;
  private readonly runEnd: number;
  private readonly channels: string[];
  private readonly sourceChannel: Int32Array;
  private arrivalOrdinal = 0;
  private readonly nextArrival: Float64Array;
  private nextArrivalTime = Infinity;
  private nextArrivalSource = 0;
  private stopped: string | null = null;

  constructor(private readonly input: SimulationInput) {
    const { scenario, world, policyConfig } = input;
    const streams = new ReplicationStreams(scenario.seed, input.replication);
    this.runKey = streams.key('lead-keys');
    this.attributeStream = streams.stream('attributes');
    this.warmupEnd = world.warmupEnd;
    this.horizonEnd = world.horizonEnd;
    this.runEnd = world.runEnd;
    this.cursor = new LeadCursor(this.store, world.sourceNames, world.zones);
    const tierNames = input.policies.routing.tiers.map((tier) => tier.name);
    // Several sources may share a channel label; credit goes to the label.
    const channelOf = channelOfSources(scenario.sources);
    this.channels = [...new Set(channelOf)];
    this.sourceChannel = Int32Array.from(channelOf, (channel) => this.channels.indexOf(channel));
    this.collector = new Collector(tierNames, world.days, world.surgeWindows.length > 0, this.channels, world.sourceNames);
    this.roster = new RepRoster(scenario, world, (pod, rep) => streams.stream('reps', `absence/${pod}/${rep}`));
    this.prospect = new ProspectModel(scenario.prospect);
    this.reasonCodes = Int32Array.from(this.prospect.reasons.items, (reason) => REJECTION_REASONS.indexOf(reason as (typeof REJECTION_REASONS)[number]));
    const surge = policyConfig.sla.surge;
    this.surge = surge.enabled ? new SurgeTracker(world.days, surge.factor, surge.trailingDays, surge.minHistoryDays) : null;
    this.generators = Object.values(scenario.sources).map(
      (source, index) => new AttributeGenerator(source, index, world.sourceZones[index]!.indexes, world.sourceZones[index]!.weights, scenario.prospect.quality),
    );
    this.arrivals = world.sourceNames.map((name, index) => new PiecewisePoissonArrivals(world.sourceRates[index]!, 60, streams.stream('arrivals', name)));
    this.nextArrival = new Float64Array(this.arrivals.length).fill(Infinity);
    this.pooled = policyConfig.routing.queue === 'pooled';
    for (let rep = 0; rep < this.roster.count; rep++) this.rolePresent[this.roster.role[rep]!] = 1;
    this.allReps = Int32Array.from(this.roster.role.keys());
    this.roundRobin = input.policies.routing.pickRep === undefined && policyConfig.routing.distribution === 'round-robin' && input.fullScans !== true;
    this.leastLoaded = input.policies.routing.pickRep === undefined && policyConfig.routing.distribution === 'least-loaded' && input.fullScans !== true;
    this.skipWaking = input.fullScans !== true;
    this.tierRole = Uint8Array.from(input.policies.routing.tiers, (tier) => {
      const wanted = roleIndex(tier.role);
      return this.rolePresent[wanted] === 1 ? wanted : 1 - wanted;
    });
    const escalateFrom = new Set(policyConfig.routing.escalation.fromTiers);
    this.escalationTiers = Uint8Array.from(input.policies.routing.tiers, (tier) => (escalateFrom.has(tier.name) ? 1 : 0));
    this.mayEscalate = this.rolePresent[ROLE_AE] === 1 && this.escalationTiers.includes(1) && policyConfig.routing.escalation.warmToHotProbability > 0;
    // The SLA business clock of a role in a zone: the first pod of that role covering the zone. Its day length
    // comes from the same calendar, so a custom SLA policy sees one consistent day.
    const always = world.calendar('always');
    const homeReps = [ROLE_SDR, ROLE_AE].map((role) => world.zones.map((_, zone) => this.homeRep(role, zone)));
    this.slaCalendar = homeReps.map((reps) => reps.map((rep) => (rep >= 0 ? this.roster.podCalendar[rep]! : always)));
    this.slaOpenMinutesPerDay = homeReps.map((reps) => reps.map((rep) => (rep >= 0 ? this.roster.openMinutesPerDay[rep]! : averageOpenMinutesPerDay(always))));
    this.nurtureDays = compileDistribution(policyConfig.recycle.nurtureDays);
    this.formWeightsBySource = Object.values(scenario.sources).map((source) => Float64Array.from(FORM_TYPES, (form) => source.forms[form] ?? 0));
    this.enrichDelay = policyConfig.scoring.enrichment.delayMinutes;
    this.provisional = policyConfig.scoring.enrichment.provisional;
    this.respectProspectHours = policyConfig.cadence.respectProspectHours;
    this.queueOrder = QueueOrder.options.indexOf(policyConfig.routing.queueOrder);
    this.onBreach = BreachAction.options.indexOf(policyConfig.sla.onBreach);
    this.distribution = RepDistribution.options.indexOf(policyConfig.routing.distribution);
    this.followTheSun = policyConfig.routing.offHours === 'follow-the-sun';
  }

  run(): ReplicationResult {
    const q = this.q;
    const maxEvents = this.input.scenario.limits.maxEvents;
    const deadlineMs = this.input.deadlineMs ?? Infinity;
    if (this.input.leadFeed === undefined) {
      for (let source = 0; source < this.arrivals.length; source++) this.nextArrival[source] = this.arrivals[source]!.next();
      this.pickNextArrival();
    } else this.scheduleFeedArrival();
    for (;;) {
      // Synthetic arrivals bypass the heap (one per lead): the next one is compared with the heap's top.
      const arrival = this.nextArrivalTime;
      if (arrival <= q.peekTime()) {
        if (arrival >= this.horizonEnd) break;
        q.advance(arrival);
        const source = this.nextArrivalSource;
        this.nextArrival[source] = this.arrivals[source]!.next();
        this.pickNextArrival();
        this.onArrival(source);
      } else {
        if (!q.pop() || q.now > this.runEnd) break;
        this.dispatch(q.kind, q.payload);
      }
      if (q.processed >= maxEvents) {
        this.stopped = `event limit reached (limits.maxEvents = ${maxEvents}) at minute ${Math.round(q.now)}`;
        break;
      }
      if ((q.processed & 0x3fff) === 0 && Date.now() > deadlineMs) {
        this.stopped = `${TIME_LIMIT_STOP} at simulated minute ${Math.round(q.now)}`;
        break;
      }
    }
    this.sweepUnfinished();
    return summarizeReplication(this.collector, this.roster, this.input.policies.name, this.input.replication, q.processed, this.arrivalOrdinal, this.stopped, this.warmupEnd, this.horizonEnd);
  }

  private dispatch(kind: number, payload: number): void {
    switch (kind) {
      case EV_TOUCH_DONE:
        this.onTouchDone(payload);
        break;
      case EV_REP_WAKE:
        this.onRepWake(payload);
        break;
      case EV_ACCEPT:
        this.onAccept(payload);
        break;
      case EV_ACCEPT_TIMEOUT:
        this.onAcceptTimeout(payload);
        break;
      case EV_TASK_READY:
        this.onTaskReady(payload);
        break;
      case EV_SLA_BREACH:
        this.onBreachEvent(payload);
        break;
      case EV_ENRICHED:
        this.onEnriched(payload);
        break;
      case EV_REQUALIFY:
        this.onRequalify(payload);
        break;
      case EV_SURGE_FOLLOW_UP:
        this.onSurgeFollowUp(payload);
        break;
      case EV_FEED_ARRIVAL:
        this.onFeedArrival();
        break;
    }
  }

  /** Earliest next synthetic arrival over the sources (ties go to the lower source index). */
  private pickNextArrival(): void {
    let best = Infinity;
    let source = 0;
    const next = this.nextArrival;
    for (let i = 0; i < next.length; i++) {
      if (next[i]! < best) {
        best = next[i]!;
        source = i;
      }
    }
    this.nextArrivalTime = best;
    this.nextArrivalSource = source;
  }

  // ---- arrivals and qualification -------------------------------------------------------------

  private onArrival(source: number): void {
    const slot = this.admit();
    if (slot < 0) return;
    this.generators[source]!.draw(this.store, slot, this.attributeStream);
    this.arrived(slot, source);
  }

  /** A slot for the next lead, with its ordinal and seed; -1 (and the run stops) once limits.maxLeads is reached. */
  private admit(): number {
    const maxLeads = this.input.scenario.limits.maxLeads;
    if (this.arrivalOrdinal >= maxLeads) {
      if (this.stopped === null) this.stopped = `lead limit reached (limits.maxLeads = ${maxLeads}) at minute ${Math.round(this.q.now)}`;
      return -1;
    }
    const store = this.store;
    const slot = store.allocate();
    const ordinal = this.arrivalOrdinal++;
    store.ordinal[slot] = ordinal;
    store.seed[slot] = entitySeed(this.runKey, ordinal);
    return slot;
  }

  /** A lead whose attributes are filled in has arrived now: count it and start its qualification. */
  private arrived(slot: number, source: number): void {
    const now = this.q.now;
    this.store.raisedAt[slot] = now;
    if (now >= this.warmupEnd) {
      this.collector.counts.leads++;
      this.collector.bySource.leads[source]!++;
    }
    this.collector.daily.arrivals[Math.floor(now / MINUTES_PER_DAY)]!++;
    this.beginQualification(slot);
  }

  private pendingFeed: FeedRecord | null = null;

  private scheduleFeedArrival(): void {
    const record = this.input.leadFeed!.next();
    this.pendingFeed = record;
    if (record === null) return;
    if (!(record.minutes >= this.q.now)) throw new RangeError(`replayed leads must be in time order (a lead at minute ${record.minutes} came after minute ${this.q.now})`);
    if (record.minutes < this.horizonEnd) this.q.schedule(record.minutes, EV_FEED_ARRIVAL, 0);
  }

  private onFeedArrival(): void {
    const record = this.pendingFeed!;
    const store = this.store;
    const slot = this.admit();
    if (slot >= 0) {
      store.source[slot] = record.source;
      store.form[slot] = record.form;
      store.signals[slot] = record.signals;
      store.acv[slot] = record.acv;
      store.daysInactive[slot] = record.daysInactive;
      store.quality[slot] = record.quality;
      const zone = this.input.world.zones.indexOf(record.timeZone);
      if (zone < 0) throw new RangeError(`replayed lead at minute ${record.minutes} has time zone "${record.timeZone}", which the scenario does not know; add it to a source's prospectTimeZones`);
      store.timeZone[slot] = zone;
      if (record.namedAccount) store.flags[slot] |= LeadFlag.NamedAccount;
      if (record.activeOutbound) store.flags[slot] |= LeadFlag.ActiveOutbound;
      this.arrived(slot, record.source);
    }
    this.scheduleFeedArrival();
  }

  /** Scores the lead now on what is known; waits for enrichment when the policy does not route provisionally. */
  private beginQualification(slot: number): void {
    const store = this.store;
    if (this.enrichDelay <= 0) {
      store.flags[slot] |= LeadFlag.Enriched;
      this.qualify(slot, true);
      return;
    }
    this.q.schedule(this.q.now + this.enrichDelay, EV_ENRICHED, this.ref(slot));
    store.state[slot] = LeadState.Enriching;
    if (this.provisional) this.qualify(slot, false);
  }

  private qualify(slot: number, enriched: boolean): void {
    this.input.policies.scoring.score(this.cursor.at(slot), enriched, this.score);
    if (this.score.mql) {
      this.handOff(slot);
    } else if (enriched) {
      this.release(slot);
    }
  }

  private onEnriched(ref: number): void {
    const slot = this.live(ref);
    if (slot < 0) return;
    const store = this.store;
    store.flags[slot] |= LeadFlag.Enriched;
    if (!(store.mqlAt[slot]! >= 0)) {
      this.qualify(slot, true);
      return;
    }
    // Routed on the provisional score: re-score and catch mis-routes.
    this.input.policies.scoring.score(this.cursor.at(slot), true, this.score);
    const untouched = !(store.firstTouchAt[slot]! >= 0);
    const tier = this.score.mql ? this.input.policies.routing.tierOf(this.cursor, this.score) : -1;
    if (tier === store.tier[slot]) return;
    if (store.state[slot] === LeadState.SurgeHold) {
      // Held by the surge protocol, not yet with sales: take the corrected tier (or drop it) without routing now.
      if (tier < 0) this.release(slot);
      else store.tier[slot] = tier;
      return;
    }
    if (store.flags[slot]! & LeadFlag.Measured) this.collector.counts.misroutes++;
    if (!untouched || store.state[slot] === LeadState.InService) return;
    if (tier < 0) {
      // Not an MQL after all: sales never touched it, so it goes back to marketing and leaves the SLA denominator.
      this.countAssignment(slot, store.tier[slot]!, -1, true);
      this.finish(slot);
      return;
    }
    this.unassign(slot);
    this.moveToTier(slot, tier);
    this.assign(slot);
  }

  /** Re-routing after enrichment: the lead's SLA (and its count) moves to the tier it should have had. */
  private moveToTier(slot: number, tier: number): void {
    const store = this.store;
    this.countAssignment(slot, store.tier[slot]!, -1, false);
    this.cancelBreach(slot);
    store.tier[slot] = tier;
    // The protocol's state when the lead became an MQL, not now: a surge tripped since must not stretch its SLA.
    this.startSla(slot, tier, (store.flags[slot]! & LeadFlag.SurgeProtocol) !== 0, false);
  }

  // ---- handoff: surge protocol, named accounts, tiers, SLA ------------------------------------

  private handOff(slot: number): void {
    const store = this.store;
    const now = this.q.now;
    const collector = this.collector;
    const counts = collector.counts;
    const measured = now >= this.warmupEnd && now < this.horizonEnd;
    store.mqlAt[slot] = now;
    store.assignedAt[slot] = now;
    const trace = this.input.trace;
    if (trace !== undefined) trace({ type: 'mql', lead: store.ordinal[slot]!, time: now, form: FORM_TYPES[store.form[slot]!]! });
    let flags = store.flags[slot]!;
    if (measured) {
      flags |= LeadFlag.Measured;
      if (collector.surgeTiers !== null && this.input.world.inSurgeWindow(now)) flags |= LeadFlag.SurgeWindow;
      counts.mqls++;
      if (flags & LeadFlag.Recycled) counts.recycledMqls++;
      else collector.bySource.mqls[store.source[slot]!]!++;
    }
    const day = Math.floor(now / MINUTES_PER_DAY);
    collector.daily.mqls[day]!++;
    const policy = this.input.policyConfig;
    const surgeActive = this.surge !== null && this.surge.recordMql(now);
    if (surgeActive) {
      collector.daily.surge[day] = 1;
      flags |= LeadFlag.SurgeProtocol;
    }
    store.flags[slot] = flags;
    if (this.prospect.patience !== null && (flags & LeadFlag.Recycled) === 0) {
      store.coldAt[slot] = store.raisedAt[slot]! + this.prospect.patience.sample(this.drawsFor(slot, DRAW_PATIENCE));
    }

    const named = policy.routing.namedAccounts;
    let ownerRep = NO_REP;
    if (named.enabled && flags & LeadFlag.NamedAccount) {
      if (measured) counts.abmLeads++;
      if (flags & LeadFlag.ActiveOutbound && named.suppressActiveOutbound) {
        if (measured) counts.abmSuppressed++;
        this.release(slot);
        return;
      }
      if (this.uniform(slot, DRAW_NAMED_MATCH) < named.matchRate) ownerRep = this.namedOwner(slot, now);
      else if (measured) counts.abmLeaked++;
    }

    const tier = this.input.policies.routing.tierOf(this.cursor.at(slot), this.score);
    if (tier < 0) {
      if (measured) counts.unrouted++;
      this.release(slot);
      return;
    }
    store.tier[slot] = tier;
    if (surgeActive && policy.sla.surge.highIntentOnly && !this.score.handRaise && this.score.combined < policy.sla.surge.highIntentMinScore && ownerRep === NO_REP) {
      if (measured) counts.surgeHeld++;
      store.state[slot] = LeadState.SurgeHold;
      this.q.schedule(now + policy.sla.surge.followUpDays * MINUTES_PER_DAY, EV_SURGE_FOLLOW_UP, this.ref(slot));
      return;
    }
    this.startSla(slot, tier, surgeActive);
    if (ownerRep !== NO_REP) this.assignTo(slot, ownerRep);
    else this.assign(slot);
  }

  private onSurgeFollowUp(ref: number): void {
    const slot = this.live(ref);
    if (slot < 0) return;
    // The SLA clock of a held lead starts at its follow-up task; speed-to-lead still counts from the MQL.
    this.store.assignedAt[slot] = this.q.now;
    this.startSla(slot, this.store.tier[slot]!, false);
    this.assign(slot);
  }

  private startSla(slot: number, tier: number, surgeActive: boolean, newAssignment = true): void {
    const store = this.store;
    const role = this.tierRole[tier]!;
    const zone = store.timeZone[slot]!;
    const clock = this.clock.on(this.slaCalendar[role]![zone]!, this.slaOpenMinutesPerDay[role]![zone]!);
    const tierSpec = this.input.policies.routing.tiers[tier]!;
    const deadline = this.input.policies.sla.deadline(this.cursor.at(slot), tierSpec, store.assignedAt[slot]!, clock, surgeActive);
    store.deadline[slot] = deadline;
    this.countAssignment(slot, tier, 1, newAssignment);
    if (this.onBreach !== BREACH_NONE && deadline < Infinity) {
      store.breachHandle[slot] = this.q.schedule(Math.max(deadline, this.q.now), EV_SLA_BREACH, this.ref(slot), 1);
    }
  }

  /**
   * Adds (+1) or takes back (-1) a measured lead's assignment to `tier`: the tier's SLA denominator, and with
   * `lead` also the overall and daily counts (a move between tiers changes only the tiers).
   */
  private countAssignment(slot: number, tier: number, delta: 1 | -1, lead: boolean): void {
    const flags = this.store.flags[slot]!;
    if ((flags & LeadFlag.Measured) === 0) return;
    const collector = this.collector;
    collector.tiers[tier]!.assigned += delta;
    if (flags & LeadFlag.SurgeWindow) collector.surgeTiers![tier]!.assigned += delta;
    if (lead) {
      collector.counts.assigned += delta;
      collector.daily.assigned[Math.floor(this.store.mqlAt[slot]! / MINUTES_PER_DAY)]! += delta;
    }
  }

  private onBreachEvent(ref: number): void {
    const slot = this.live(ref);
    if (slot < 0) return;
    const store = this.store;
    store.breachHandle[slot] = -1;
    if (store.firstTouchAt[slot]! >= 0) return;
    const measured = (store.flags[slot]! & LeadFlag.Measured) !== 0;
    if (measured) this.collector.counts.breaches++;
    if (this.onBreach === BREACH_ESCALATE && measured) this.collector.counts.escalations++;
    if (this.onBreach === BREACH_REASSIGN && !this.pooled && store.state[slot] !== LeadState.InService && store.rep[slot] !== NO_REP) {
      if (measured) this.collector.counts.reassignments++;
      const previous = store.rep[slot]!;
      this.unassign(slot);
      this.assign(slot, previous);
    }
  }

  // ---- assignment -----------------------------------------------------------------------------

  /** Routes to a queue (pooled) or picks a rep (per-rep) among those eligible now, skipping `exclude`. */
  private assign(slot: number, exclude = NO_REP): void {
    const store = this.store;
    const role = this.tierRole[store.tier[slot]!]!;
    if (this.pooled) {
      store.rep[slot] = NO_REP;
      this.enqueueWhenCallable(slot, true);
      return;
    }
    const rep = this.pickRep(slot, role, exclude);
    if (rep === NO_REP) {
      store.state[slot] = LeadState.Unassigned;
      this.backlog[role]!.push(store.mqlAt[slot]!, this.ticketRef(slot));
      return;
    }
    this.assignTo(slot, rep);
  }

  private assignTo(slot: number, rep: number): void {
    const store = this.store;
    const roster = this.roster;
    store.rep[slot] = rep;
    store.state[slot] = LeadState.Unassigned;
    roster.addLead(rep);
    const now = this.q.now;
    this.input.trace?.({ type: 'assign', lead: store.ordinal[slot]!, time: now, rep, role: roster.role[rep] === ROLE_SDR ? 'sdr' : 'ae' });
    const available = Math.max(now, roster.calendar[rep]!.nextOpen(now));
    const tries = store.offers[slot]!;
    const latency = roster.accept[rep]!.sample(this.drawsFor(slot, DRAW_ACCEPT + tries));
    const timeout = store.flags[slot]! & LeadFlag.Escalated ? this.input.policyConfig.routing.escalation.acceptMinutes : this.input.policyConfig.routing.acceptTimeoutMinutes;
    if (latency <= timeout || tries >= MAX_ASSIGN_TRIES - 1 || available === Infinity) {
      if (available < Infinity) this.q.schedule(available + latency, EV_ACCEPT, this.assignmentRef(slot));
    } else {
      this.q.schedule(available + timeout, EV_ACCEPT_TIMEOUT, this.assignmentRef(slot));
    }
  }

  private onAccept(ref: number): void {
    const slot = this.liveAssignment(ref);
    if (slot < 0) return;
    this.store.offers[slot] = 0;
    this.enqueueWhenCallable(slot, true);
  }

  private onAcceptTimeout(ref: number): void {
    const slot = this.liveAssignment(ref);
    if (slot < 0) return;
    const store = this.store;
    const previous = store.rep[slot]!;
    this.input.trace?.({ type: 'accept-timeout', lead: store.ordinal[slot]!, time: this.q.now, rep: previous });
    if (store.flags[slot]! & LeadFlag.Measured) this.collector.counts.reassignments++;
    store.offers[slot]!++;
    this.unassign(slot);
    this.assign(slot, previous);
  }

  /** Candidate reps: right role (or overflow during a surge), covering the zone, under capacity, open soonest. */
  private pickRep(slot: number, role: number, exclude: number): number {
    const roster = this.roster;
    const store = this.store;
    const now = this.q.now;
    const zoneBit = 1 << store.timeZone[slot]!;
    const overflow = role === ROLE_SDR && this.surge !== null && this.input.policyConfig.sla.surge.overflow && this.surge.isActive(now);
    const followTheSun = this.followTheSun;
    const candidates = this.candidates;
    // Reps are judged at the moment the prospect can first be called, not at the moment of routing.
    const window = this.callingWindow(slot);
    const callable = window === null ? now : window.nextOpen(now);
    let count = 0;
    let soonest = Infinity;
    roster.askPodsFrom(callable);
    // Without overflow only the role's reps can qualify; byRole lists them in index order, as the full scan would.
    const reps = overflow ? this.allReps : roster.byRole[role]!;
    if (this.roundRobin) {
      const rep = this.roundRobinPick(reps, role, exclude, zoneBit, overflow, followTheSun ? callable : Infinity);
      if (rep !== NO_REP) return rep;
    } else if (this.leastLoaded && !overflow) {
      const rep = this.leastLoadedPick(role, exclude, zoneBit, followTheSun ? callable : Infinity);
      if (rep !== NO_REP) return rep;
    }
    // Territory first: the reps covering the prospect's zone that are open soonest from then.
    for (let i = 0; i < reps.length; i++) {
      const rep = reps[i]!;
      if (rep === exclude || (roster.serves[rep]! & zoneBit) === 0 || !this.eligible(rep, role, overflow)) continue;
      const opens = roster.nextOpenFromPods(rep, callable);
      if (opens < soonest) {
        soonest = opens;
        count = 0;
      }
      if (opens === soonest) candidates[count++] = rep;
    }
    // Follow-the-sun: when the home territory is closed then, anyone of the role who is open at that moment.
    if (followTheSun && soonest > callable) {
      let open = 0;
      for (let rep = 0; rep < roster.count; rep++) {
        if (rep === exclude || !this.eligible(rep, role, overflow) || !roster.calendar[rep]!.isOpen(callable)) continue;
        if (open === 0) count = 0;
        candidates[count++] = rep;
        open++;
      }
    }
    if (count === 0) return exclude !== NO_REP && roster.openLeads[exclude]! < roster.capacity[exclude]! ? exclude : NO_REP;
    return this.distribute(slot, role, count);
  }

  /**
   * Round robin without the full scan: when some eligible rep opens as early as the earliest pod that could take the
   * lead, the candidates are exactly those reps, so the first of them at or after the role's pointer (else the first)
   * is the rep pickRep's scan and distribute would choose. NO_REP when that does not hold (every such rep away, at
   * capacity or excluded, or a follow-the-sun hand-off due because the earliest opening is after `latest`): the
   * caller then scans.
   */
  private roundRobinPick(reps: Int32Array, role: number, exclude: number, zoneBit: number, overflow: boolean, latest: number): number {
    const roster = this.roster;
    const earliest = this.earliestPodOpening(role, zoneBit, overflow);
    if (earliest === Infinity || earliest > latest) return NO_REP;
    const pointer = roster.rrPointer[role]!;
    // reps is in index order: start at the first rep at or after the pointer, then wrap to the start.
    let lo = 0;
    let hi = reps.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (reps[mid]! < pointer) lo = mid + 1;
      else hi = mid;
    }
    for (let k = 0; k < reps.length; k++) {
      const rep = reps[(lo + k) % reps.length]!;
      if (rep === exclude || (roster.serves[rep]! & zoneBit) === 0 || !this.eligible(rep, role, overflow)) continue;
      if (roster.podOpensFrom(roster.pod[rep]!) !== earliest || !roster.opensWithPod(rep)) continue;
      roster.rrPointer[role] = rep + 1;
      return rep;
    }
    return NO_REP;
  }

  /**
   * Least loaded without the full scan (no overflow): when some eligible rep opens as early as the earliest pod that
   * could take the lead, the candidates are exactly those reps, and distribute would choose the first of them (in
   * index order) with the fewest open leads. Walking the role's reps load by load upward, each load in index order,
   * the first such rep met is that one. NO_REP when no rep opens that early, or when that is after `latest` (as in
   * roundRobinPick): the caller scans.
   */
  private leastLoadedPick(role: number, exclude: number, zoneBit: number, latest: number): number {
    const roster = this.roster;
    const earliest = this.earliestPodOpening(role, zoneBit, false);
    if (earliest === Infinity || earliest > latest) return NO_REP;
    for (let load = roster.lowestLoad(role); load < roster.loadLevels(role); load++) {
      if (roster.repsAtLoad(role, load) === 0) continue;
      for (let rep = roster.nextAtLoad(role, load, 0); rep !== NO_REP; rep = roster.nextAtLoad(role, load, roster.rolePosition[rep]! + 1)) {
        if (rep === exclude || (roster.serves[rep]! & zoneBit) === 0 || !this.eligible(rep, role, false)) continue;
        if (roster.podOpensFrom(roster.pod[rep]!) === earliest && roster.opensWithPod(rep)) return rep;
      }
    }
    return NO_REP;
  }

  /** The earliest opening (from askPodsFrom's moment) of a pod serving the zone whose reps can take the role's leads. */
  private earliestPodOpening(role: number, zoneBit: number, overflow: boolean): number {
    const roster = this.roster;
    let earliest = Infinity;
    for (let pod = 0; pod < roster.podSize.length; pod++) {
      const first = roster.podFirst[pod]!;
      if (roster.podSize[pod] === 0 || (roster.serves[first]! & zoneBit) === 0) continue;
      if (roster.role[first] !== role && !(overflow && roster.overflow[first] === 1)) continue;
      earliest = Math.min(earliest, roster.podOpensFrom(pod));
    }
    return earliest;
  }

  private eligible(rep: number, role: number, overflow: boolean): boolean {
    const roster = this.roster;
    return (roster.role[rep] === role || (overflow && roster.overflow[rep] === 1)) && roster.openLeads[rep]! < roster.capacity[rep]!;
  }

  private readonly candidates: number[] = [];
  private readonly allReps: Int32Array;
  /** Built-in round robin (no custom pickRep): pickRep can stop at the first candidate from the pointer. */
  private readonly roundRobin: boolean;
  /** Built-in least loaded: pickRep can walk the reps by load (RepRoster.nextAtLoad) instead of comparing them all. */
  private readonly leastLoaded: boolean;
  /** Pooled dispatch passes over reps already waiting to wake up. */
  private readonly skipWaking: boolean;
  private readonly candidateView: number[] = [];
  /** Handed to custom pickRep policies; made once, not per routing decision. */
  private readonly openLeadsOf = (rep: number): number => this.roster.openLeads[rep]!;

  private distribute(slot: number, role: number, count: number): number {
    const roster = this.roster;
    const candidates = this.candidates;
    const custom = this.input.policies.routing.pickRep;
    if (custom !== undefined) {
      const view = this.candidateView;
      view.length = count;
      for (let i = 0; i < count; i++) view[i] = candidates[i]!;
      const chosen = custom(this.cursor.at(slot), view, this.openLeadsOf);
      if (!view.includes(chosen)) throw new Error(`routing policy "${this.input.policies.routing.name}" pickRep returned ${String(chosen)}, which is not one of the candidate reps`);
      return chosen;
    }
    switch (this.distribution) {
      case DISTRIBUTION_LEAST_LOADED: {
        let best = candidates[0]!;
        for (let i = 1; i < count; i++) if (roster.openLeads[candidates[i]!]! < roster.openLeads[best]!) best = candidates[i]!;
        return best;
      }
      case DISTRIBUTION_WEIGHTED: {
        // Smooth weighted round robin (as in nginx): deterministic, proportional, well interleaved.
        let total = 0;
        let best = candidates[0]!;
        for (let i = 0; i < count; i++) {
          const rep = candidates[i]!;
          roster.smoothWeight[rep]! += roster.weight[rep]!;
          total += roster.weight[rep]!;
          if (roster.smoothWeight[rep]! > roster.smoothWeight[best]!) best = rep;
        }
        roster.smoothWeight[best]! -= total;
        return best;
      }
      default: {
        // Round robin: the first candidate at or after the role's pointer.
        const pointer = roster.rrPointer[role]!;
        let best = candidates[0]!;
        for (let i = 0; i < count; i++) {
          if (candidates[i]! >= pointer) {
            best = candidates[i]!;
            break;
          }
        }
        roster.rrPointer[role] = best + 1;
        return best;
      }
    }
  }

  private namedOwner(slot: number, now: number): number {
    const aes = this.roster.byRole[ROLE_AE]!;
    if (aes.length === 0) return NO_REP;
    const index = Math.floor(this.uniform(slot, DRAW_OWNER) * aes.length);
    const owner = aes[index]!;
    if (!this.unavailable(owner, now) || !this.input.policyConfig.routing.namedAccounts.useBackup) return owner;
    const backup = aes[(index + 1) % aes.length]!;
    return this.unavailable(backup, now) ? owner : backup;
  }

  /** Out of office or at capacity: a named-account owner who cannot take the lead now. */
  private unavailable(rep: number, now: number): boolean {
    return this.roster.isAbsent(rep, now) || this.roster.openLeads[rep]! >= this.roster.capacity[rep]!;
  }

  /** Takes the lead off its rep (for reassignment or release) and lets that rep's backlog move. */
  private unassign(slot: number): void {
    const store = this.store;
    const rep = store.rep[slot]!;
    store.ticket[slot] = (store.ticket[slot]! + 1) & 0x7f;
    if (rep === NO_REP) return;
    store.rep[slot] = NO_REP;
    this.roster.dropLead(rep);
    this.drainBacklog(this.roster.role[rep]!);
  }

  private drainBacklog(role: number): void {
    const backlog = this.backlog[role]!;
    while (backlog.size > 0) {
      const value = backlog.peekValue();
      const slot = value & SLOT_MASK;
      if (!this.ticketCurrent(value) || this.store.state[slot] !== LeadState.Unassigned || this.store.rep[slot] !== NO_REP) {
        backlog.pop();
        continue;
      }
      const rep = this.pickRep(slot, role, NO_REP);
      if (rep === NO_REP) return;
      backlog.pop();
      this.assignTo(slot, rep);
    }
  }

  // ---- queues and rep work ---------------------------------------------------------------------

  /** Queues the lead's next touch, or parks it until the prospect's calling window opens. */
  private enqueueWhenCallable(slot: number, firstTouch: boolean): void {
    const now = this.q.now;
    const window = this.callingWindow(slot);
    if (window !== null && !window.isOpen(now)) {
      this.parkUntilCallable(slot, window);
      return;
    }
    this.enqueue(slot, firstTouch);
  }

  private enqueue(slot: number, firstTouch: boolean): void {
    const store = this.store;
    const now = this.q.now;
    store.state[slot] = LeadState.Queued;
    if (firstTouch) store.queuedAt[slot] = now;
    const order = this.queueOrder;
    const key = order === ORDER_FIFO ? now : firstTouch ? store.deadline[slot]! : order === ORDER_DEADLINE ? now : FOLLOW_UP_CLASS + now;
    const value = this.ticketRef(slot);
    if (this.pooled) {
      const role = this.tierRole[store.tier[slot]!]!;
      const queue = this.roleQueues[role]!;
      // Most leads meet an empty queue: they go straight to the rep dispatchRole would pick, without the heap.
      if (queue.size === 0 && this.surge === null && this.skipWaking && this.startOnIdle(role, slot)) return;
      queue.push(key, value);
      this.dispatchRole(role);
    } else {
      const rep = store.rep[slot]!;
      this.roster.queue[rep]!.push(key, value);
      this.tryStart(rep);
    }
  }

  /** Pooled mode: the first idle rep of the role (or an overflow rep) that is open takes the work. */
  private dispatchRole(role: number): void {
    const roster = this.roster;
    const queue = this.roleQueues[role]!;
    if (queue.size === 0 || (roster.busyByRole[role] === roster.byRole[role]!.length && this.surge === null)) return;
    const now = this.q.now;
    if (this.surge === null && this.skipWaking) {
      // No rep of the other role can overflow into this queue: the role's idle reps, in index order, from the idle set.
      for (let rep = roster.nextIdle(role, 0); rep !== NO_REP && queue.size > 0; rep = roster.nextIdle(role, roster.rolePosition[rep]! + 1)) {
        if (roster.wakeAt[rep]! <= now) this.workFrom(rep, queue, null);
      }
      return;
    }
    const reps = this.surge === null ? roster.byRole[role]! : this.allReps;
    for (let i = 0; i < reps.length && queue.size > 0; i++) {
      const rep = reps[i]!;
      // A wake-up still ahead means the rep is closed until then and already waiting for it: tryStart would do nothing.
      if (roster.busy[rep] === 0 && (roster.wakeAt[rep]! <= now || !this.skipWaking) && (roster.role[rep] === role || this.overflowActive(rep, role))) this.tryStart(rep);
    }
  }

  /**
   * dispatchRole for one lead and an empty queue (no overflow): the first idle rep of the role that is open takes it,
   * idle reps that are closed get their wake-up on the way. False (nothing done to the lead) when no rep is open.
   */
  private startOnIdle(role: number, slot: number): boolean {
    const roster = this.roster;
    const now = this.q.now;
    for (let rep = roster.nextIdle(role, 0); rep !== NO_REP; rep = roster.nextIdle(role, roster.rolePosition[rep]! + 1)) {
      if (roster.wakeAt[rep]! > now) continue;
      const calendar = roster.calendar[rep]!;
      if (!calendar.isOpen(now)) {
        this.scheduleWake(rep, calendar.nextOpen(now));
        continue;
      }
      this.offer(rep, slot);
      return true;
    }
    return false;
  }

  private overflowActive(rep: number, role: number): boolean {
    return role === ROLE_SDR && this.roster.overflow[rep] === 1 && this.surge !== null && this.input.policyConfig.sla.surge.overflow && this.surge.isActive(this.q.now);
  }

  private tryStart(rep: number): void {
    const roster = this.roster;
    if (roster.busy[rep] === 1) return;
    const ownQueue = this.pooled ? this.roleQueues[roster.role[rep]!]! : roster.queue[rep]!;
    const overflow = this.pooled && this.overflowActive(rep, ROLE_SDR) ? this.roleQueues[ROLE_SDR]! : null;
    if (ownQueue.size === 0 && (overflow === null || overflow.size === 0)) return;
    this.workFrom(rep, ownQueue, overflow);
  }

  /** The idle rep takes the next live lead of `queue` (then of `overflow`, if any), or waits for its calendar to open. */
  private workFrom(rep: number, queue: KeyedHeap, overflow: KeyedHeap | null): void {
    const now = this.q.now;
    const calendar = this.roster.calendar[rep]!;
    if (!calendar.isOpen(now)) {
      this.scheduleWake(rep, calendar.nextOpen(now));
      return;
    }
    const store = this.store;
    for (;;) {
      const value = queue.size === 0 && overflow !== null ? overflow.pop() : queue.pop();
      if (value < 0) return;
      const slot = value & SLOT_MASK;
      if (!this.ticketCurrent(value) || store.state[slot] !== LeadState.Queued) continue;
      if (this.offer(rep, slot)) return;
    }
  }

  /** The rep starts a touch on the queued lead, unless it has gone cold or out of its calling window: then false. */
  private offer(rep: number, slot: number): boolean {
    const store = this.store;
    const now = this.q.now;
    if (store.coldAt[slot]! <= now && !(store.firstTouchAt[slot]! >= 0)) {
      this.abandon(slot);
      return false;
    }
    // Queued while callable, but the prospect's window has closed since (e.g. overnight): park it.
    const window = this.callingWindow(slot);
    if (window !== null && !window.isOpen(now)) {
      this.parkUntilCallable(slot, window);
      return false;
    }
    this.startTouch(rep, slot);
    return true;
  }

  private scheduleWake(rep: number, at: number): void {
    const roster = this.roster;
    if (at === Infinity) return;
    if (roster.wakeAt[rep]! >= 0 && roster.wakeAt[rep]! <= at) return;
    roster.wakeAt[rep] = at;
    this.q.schedule(at, EV_REP_WAKE, rep);
  }

  private onRepWake(rep: number): void {
    if (this.roster.wakeAt[rep] !== this.q.now) return;
    this.roster.wakeAt[rep] = -1;
    this.tryStart(rep);
  }

  private startTouch(rep: number, slot: number): void {
    const store = this.store;
    const roster = this.roster;
    const now = this.q.now;
    const collector = this.collector;
    store.state[slot] = LeadState.InService;
    roster.startWork(rep, slot);
    const measured = (store.flags[slot]! & LeadFlag.Measured) !== 0;
    if (!(store.firstTouchAt[slot]! >= 0)) {
      store.firstTouchAt[slot] = now;
      this.cancelBreach(slot);
      if (measured) this.recordFirstTouch(slot, now);
    }
    store.lastTouchAt[slot] = now;
    this.input.trace?.({ type: 'touch', lead: store.ordinal[slot]!, time: now, rep, attempt: store.attempts[slot]! + 1, delay: now - store.raisedAt[slot]! });
    const episode = store.recycles[slot]! * EPISODE_STRIDE;
    const work = roster.work[rep]!.sample(this.draws.reset(store.seed[slot]!, episode + DRAW_WORK + store.attempts[slot]! * 4));
    const end = now + work;
    const from = now > this.warmupEnd ? now : this.warmupEnd;
    const to = end < this.horizonEnd ? end : this.horizonEnd;
    if (to > from) {
      collector.busyMinutes += to - from;
      collector.busyByRole[roster.role[rep]!]! += to - from;
    }
    roster.busyMinutes[rep]! += work;
    this.q.schedule(end, EV_TOUCH_DONE, rep);
  }

  private recordFirstTouch(slot: number, now: number): void {
    const store = this.store;
    const collector = this.collector;
    const counts = collector.counts;
    const tier = store.tier[slot]!;
    const mqlAt = store.mqlAt[slot]!;
    const speed = now - mqlAt;
    const inSla = now <= store.deadline[slot]!;
    const tierCounts = collector.tiers[tier]!;
    counts.touched++;
    tierCounts.touched++;
    const bin = binOf(speed);
    collector.speed.addToBin(bin, speed);
    tierCounts.speed.addToBin(bin, speed);
    if (inSla) {
      counts.touchedInSla++;
      tierCounts.inSla++;
      collector.daily.inSla[Math.floor(mqlAt / MINUTES_PER_DAY)]!++;
    }
    if (store.flags[slot]! & LeadFlag.SurgeWindow) {
      const surgeTier = collector.surgeTiers![tier]!;
      surgeTier.touched++;
      surgeTier.speed.addToBin(bin, speed);
      if (inSla) surgeTier.inSla++;
    }
    if (speed > 0) counts.waited++;
    if (speed < 5) counts.fiveMinuteResponses++;
    // The rep response rubric scores time from assignment (for nearly every lead the same as the MQL time).
    const assignedAt = store.assignedAt[slot]!;
    const response = now - assignedAt;
    // Only the 4-8 h band depends on "same business day", so the calendar lookup is done only there.
    const sameDay = response >= 240 && response < 480 && now <= this.slaCalendar[this.tierRole[tier]!]![store.timeZone[slot]!]!.endOfBusinessDay(assignedAt);
    counts.responsePoints += responsePoints(response, sameDay);
    this.addWaiting(store.queuedAt[slot]!, now);
  }

  /** Adds a wait interval to the queue-length integral (Little's law), split by day for the daily series. */
  private addWaiting(from: number, to: number): void {
    if (!(to > from)) return;
    const collector = this.collector;
    collector.waitingMinutes += Math.max(0, Math.min(to, this.horizonEnd) - Math.max(from, this.warmupEnd));
    const daily = collector.daily.waitingMinutes;
    let day = Math.floor(from / MINUTES_PER_DAY);
    let start = from;
    while (start < to && day < daily.length) {
      const end = Math.min(to, (day + 1) * MINUTES_PER_DAY);
      daily[day]! += end - start;
      start = end;
      day++;
    }
  }

  private abandon(slot: number): void {
    const store = this.store;
    if (store.flags[slot]! & LeadFlag.Measured) {
      this.collector.counts.abandoned++;
      this.collector.counts.waited++;
    }
    this.addWaiting(store.queuedAt[slot]!, Math.min(store.coldAt[slot]!, this.q.now));
    this.finish(slot);
  }

  private onTouchDone(rep: number): void {
    const roster = this.roster;
    const store = this.store;
    const slot = roster.endWork(rep);
    const attempt = ++store.attempts[slot]!;
    const now = this.q.now;
    const flags = store.flags[slot]!;
    if (flags & LeadFlag.Escalated && flags & LeadFlag.Reached) {
      // The AE's discovery call on an escalated lead: the conversation already exists.
      this.decide(slot);
    } else {
      const episode = store.recycles[slot]! * EPISODE_STRIDE;
      const p = this.prospect.reachProbability(store.lastTouchAt[slot]! - store.raisedAt[slot]!, attempt, store.quality[slot]!);
      const reached = hashUniform(store.seed[slot]!, episode + DRAW_REACH + attempt) < p;
      this.input.trace?.({ type: 'reach', lead: store.ordinal[slot]!, time: now, attempt, reached, probability: p });
      if (reached) {
        store.flags[slot] |= LeadFlag.Reached;
        if (flags & LeadFlag.Measured) this.collector.counts.reached++;
        if (!this.mayEscalate || !this.escalate(slot, rep)) this.decide(slot);
      } else {
        this.scheduleNextTouch(slot, rep, attempt, now);
      }
    }
    // Pooled without a surge tracker, an empty queue leaves the freed rep, and every other, with nothing to take.
    if (!this.pooled) this.tryStart(rep);
    else if (this.roleQueues[roster.role[rep]!]!.size > 0 || this.surge !== null) {
      this.tryStart(rep);
      this.dispatchRole(roster.role[rep]!);
    }
  }

  private scheduleNextTouch(slot: number, rep: number, attempt: number, now: number): void {
    const store = this.store;
    const tier = this.input.policies.routing.tiers[store.tier[slot]!]!;
    const calendar = this.roster.podCalendar[rep]!;
    const clock = this.clock.on(calendar, this.roster.openMinutesPerDay[rep]!);
    const due = this.input.policies.cadence.nextTouchAt(this.cursor.at(slot), tier, attempt + 1, store.firstTouchAt[slot]!, clock);
    if (due < 0 || due === Infinity) {
      this.reject(slot, NO_RESPONSE_INDEX);
      return;
    }
    const window = this.callingWindow(slot);
    const ready = nextJointOpen(this.roster.calendar[rep]!, window, Math.max(due, now));
    if (ready === Infinity || ready > this.runEnd) {
      this.reject(slot, NO_RESPONSE_INDEX);
      return;
    }
    store.state[slot] = LeadState.BetweenTouches;
    this.q.schedule(ready, EV_TASK_READY, this.ref(slot));
  }

  private onTaskReady(ref: number): void {
    const slot = this.live(ref);
    if (slot < 0 || this.store.state[slot] !== LeadState.BetweenTouches) return;
    this.enqueue(slot, !(this.store.firstTouchAt[slot]! >= 0));
  }

  /** An SDR who reaches a big ICP lead may reclassify it Warm -> Hot: an AE must accept and take the call. */
  private escalate(slot: number, rep: number): boolean {
    const store = this.store;
    const config = this.input.policyConfig.routing.escalation;
    if (this.roster.role[rep] !== ROLE_SDR || this.rolePresent[ROLE_AE] === 0) return false;
    if (this.escalationTiers[store.tier[slot]!] !== 1 || store.flags[slot]! & LeadFlag.Escalated) return false;
    if (store.acv[slot]! < config.minAcv) return false;
    this.input.policies.scoring.score(this.cursor.at(slot), true, this.score);
    if (!this.score.icp || this.uniform(slot, DRAW_ESCALATE) >= config.warmToHotProbability) return false;
    if (store.flags[slot]! & LeadFlag.Measured) this.collector.counts.warmToHot++;
    store.flags[slot] |= LeadFlag.Escalated;
    this.unassign(slot);
    const ae = this.pickRep(slot, ROLE_AE, NO_REP);
    if (ae === NO_REP) {
      store.flags[slot] &= ~LeadFlag.Escalated;
      return false;
    }
    this.assignTo(slot, ae);
    return true;
  }

  // ---- the funnel after contact ----------------------------------------------------------------

  /** Sales accepts (SAL) or rejects a contacted lead; accepted leads run the rest of the waterfall at once. */
  private decide(slot: number): void {
    const store = this.store;
    const prospect = this.prospect;
    const quality = store.quality[slot]!;
    const episode = store.recycles[slot]! * EPISODE_STRIDE;
    const seed = store.seed[slot]!;
    if (hashUniform(seed, episode + DRAW_SAL) >= prospect.acceptProbability(quality)) {
      this.reject(slot, this.reasonCodes[prospect.rejectionReason(hashUniform(seed, episode + DRAW_REASON))]!);
      return;
    }
    const measured = (store.flags[slot]! & LeadFlag.Measured) !== 0;
    const recycled = (store.flags[slot]! & LeadFlag.Recycled) !== 0;
    const counts = this.collector.counts;
    this.input.trace?.({ type: 'outcome', lead: store.ordinal[slot]!, time: this.q.now, outcome: 'sal', recycles: store.recycles[slot]! });
    if (measured) counts.sal++;
    const firstTouchDelay = store.firstTouchAt[slot]! - store.raisedAt[slot]!;
    if (hashUniform(seed, episode + DRAW_SQL) < prospect.sqlProbability(quality, firstTouchDelay, recycled)) {
      if (measured) {
        counts.sql++;
        this.collector.bySource.sql[store.source[slot]!]!++;
        this.collector.tiers[store.tier[slot]!]!.sql++;
        if (store.flags[slot]! & LeadFlag.SurgeWindow) this.collector.surgeTiers![store.tier[slot]!]!.sql++;
        if (recycled) counts.recycledSql++;
      }
      if (hashUniform(seed, episode + DRAW_OPPORTUNITY) < prospect.opportunityProbability(quality)) {
        const won = hashUniform(seed, episode + DRAW_WON) < prospect.wonProbability(quality);
        if (measured) this.creditOpportunity(slot, won, episode);
      }
    }
    this.finish(slot);
  }

  /** Pipeline and won credit split 30/30/30/10: first-touch channel, lead-creation asset, opportunity motion, near-close touch. */
  private creditOpportunity(slot: number, won: boolean, episode: number): void {
    const store = this.store;
    const collector = this.collector;
    const prospect = this.prospect;
    const acv = store.acv[slot]!;
    const seed = store.seed[slot]!;
    collector.counts.opportunities++;
    collector.pipeline += acv;
    // Only whether close lands within 14 days of the last touch matters; the parts are non-negative, so stop
    // drawing once the running total passes 14 days (each part has its own counter, so nothing else shifts).
    let daysToClose = prospect.sqlDays.sample(this.draws.reset(seed, episode + DRAW_SQL_DAYS));
    if (daysToClose <= 14) daysToClose += prospect.opportunityDays.sample(this.draws.reset(seed, episode + DRAW_OPPORTUNITY_DAYS));
    if (daysToClose <= 14) daysToClose += prospect.salesCycleDays.sample(this.draws.reset(seed, episode + DRAW_CYCLE_DAYS));
    const channel = this.sourceChannel[store.source[slot]!]!;
    const motion = store.flags[slot]! & LeadFlag.Escalated ? MOTION_ESCALATED : this.tierRole[store.tier[slot]!] === ROLE_AE ? MOTION_AE : MOTION_SDR;
    // The last sales touch lands within 14 days of close only for short cycles; otherwise nurture gets the bonus.
    const closeTouch = daysToClose <= 14 ? CLOSE_SALES : CLOSE_NURTURE;
    collector.pipelineCredit.credit(channel, store.form[slot]!, motion, closeTouch, acv);
    if (won) {
      collector.counts.won++;
      collector.bySource.won[store.source[slot]!]!++;
      collector.wonDollars += acv;
      collector.wonCredit.credit(channel, store.form[slot]!, motion, closeTouch, acv);
    }
  }

  /** Rejected or unreached: recycle to nurture (may re-qualify through a higher-intent action) up to the limit. */
  private reject(slot: number, reasonIndex: number): void {
    const store = this.store;
    const counts = this.collector.counts;
    const measured = (store.flags[slot]! & LeadFlag.Measured) !== 0;
    if (measured) {
      counts.rejected++;
      this.collector.rejections[reasonIndex]!++;
    }
    const now = this.q.now;
    const episode = store.recycles[slot]! * EPISODE_STRIDE;
    const seed = store.seed[slot]!;
    const trace = this.input.trace;
    const longTerm = store.recycles[slot]! >= this.input.policyConfig.recycle.limit;
    if (trace !== undefined) {
      trace({ type: 'outcome', lead: store.ordinal[slot]!, time: now, outcome: longTerm ? 'long-term-nurture' : 'rejected', reason: REJECTION_REASONS[reasonIndex]!, recycles: store.recycles[slot]! });
    }
    if (longTerm) {
      if (measured) counts.longTermNurture++;
      this.finish(slot);
      return;
    }
    const canClimb = store.form[slot]! < FORM_TYPES.length - 1;
    if (!canClimb || hashUniform(seed, episode + DRAW_REQUALIFY) >= this.input.scenario.prospect.requalifyProbability) {
      this.finish(slot);
      return;
    }
    const back = now + this.nurtureDays.sample(this.draws.reset(seed, episode + DRAW_NURTURE_DAYS)) * MINUTES_PER_DAY;
    if (back >= this.horizonEnd) {
      this.finish(slot);
      return;
    }
    this.unassign(slot);
    store.state[slot] = LeadState.Nurture;
    trace?.({ type: 'outcome', lead: store.ordinal[slot]!, time: now, outcome: 'recycled', recycles: store.recycles[slot]! });
    this.q.schedule(back, EV_REQUALIFY, this.ref(slot));
  }

  /** Back from nurture through a strictly higher-intent form than the one before. */
  private onRequalify(ref: number): void {
    const slot = this.live(ref);
    if (slot < 0) return;
    const store = this.store;
    const episode = store.recycles[slot]! * EPISODE_STRIDE;
    const weights = this.formWeightsBySource[store.source[slot]!]!;
    // A strictly higher-intent form, in proportion to the source's mix (a small floor keeps every step possible).
    let total = 0;
    for (let f = store.form[slot]! + 1; f < FORM_TYPES.length; f++) total += Math.max(weights[f]!, 0.01);
    let target = hashUniform(store.seed[slot]!, episode + DRAW_NEW_FORM) * total;
    let form = store.form[slot]! + 1;
    for (; form < FORM_TYPES.length - 1; form++) {
      target -= Math.max(weights[form]!, 0.01);
      if (target < 0) break;
    }
    store.form[slot] = form;
    const implied = FORM_IMPLIED_SIGNAL[FORM_TYPES[form]!];
    if (implied !== undefined) store.signals[slot] |= signalBit(implied);
    store.recycles[slot]!++;
    store.flags[slot] = (store.flags[slot]! & (LeadFlag.NamedAccount | LeadFlag.ActiveOutbound | LeadFlag.Enriched)) | LeadFlag.Recycled;
    store.raisedAt[slot] = this.q.now;
    store.daysInactive[slot] = 0;
    store.resetEpisode(slot);
    if (this.q.now >= this.warmupEnd && this.q.now < this.horizonEnd) this.collector.counts.requalified++;
    this.qualify(slot, true);
  }

  // ---- bookkeeping ------------------------------------------------------------------------------

  /** Ends the lead's story: frees its rep capacity and its slot. */
  private finish(slot: number): void {
    this.unassign(slot);
    this.release(slot);
  }

  private release(slot: number): void {
    this.cancelBreach(slot);
    this.store.release(slot);
  }

  private cancelBreach(slot: number): void {
    const handle = this.store.breachHandle[slot]!;
    if (handle < 0) return;
    this.q.cancel(handle);
    this.store.breachHandle[slot] = -1;
  }

  /** Leads still open when the run ends: untouched MQLs count as abandoned (gone cold) or leaked. */
  private sweepUnfinished(): void {
    const store = this.store;
    const counts = this.collector.counts;
    for (let slot = 0; slot < store.capacity; slot++) {
      const state = store.state[slot]!;
      if (state === LeadState.Free || !(store.flags[slot]! & LeadFlag.Measured)) continue;
      if (!(store.mqlAt[slot]! >= 0) || store.firstTouchAt[slot]! >= 0 || state === LeadState.SurgeHold) continue;
      if (store.coldAt[slot]! <= this.q.now) {
        counts.abandoned++;
        counts.waited++;
      } else counts.untouchedAtEnd++;
    }
  }

  /** Event payload for a lead: slot plus identity bits, so an event outliving its lead is ignored. */
  private ref(slot: number): number {
    return slot + this.store.epochOf(slot) * SLOT_SPAN;
  }

  private live(ref: number): number {
    const slot = ref % SLOT_SPAN;
    return this.store.state[slot] !== LeadState.Free && this.store.epochOf(slot) === Math.floor(ref / SLOT_SPAN) ? slot : -1;
  }

  /** Payload of accept events: valid only while the lead is still waiting on that same assignment. */
  private assignmentRef(slot: number): number {
    return slot | (this.store.ticket[slot]! << 24);
  }

  private liveAssignment(ref: number): number {
    const slot = ref & SLOT_MASK;
    const store = this.store;
    return store.state[slot] === LeadState.Unassigned && store.rep[slot] !== NO_REP && this.ticketCurrent(ref) ? slot : -1;
  }

  private ticketRef(slot: number): number {
    const store = this.store;
    store.ticket[slot] = (store.ticket[slot]! + 1) & 0x7f;
    return slot | (store.ticket[slot]! << 24);
  }

  /** Whether a queue entry made by ticketRef is still the lead's latest (not superseded by a requeue or release). */
  private ticketCurrent(value: number): boolean {
    return this.store.ticket[value & SLOT_MASK] === value >>> 24;
  }

  /** The prospect's calling window when the policy respects prospect hours, else null (call any time). */
  private callingWindow(slot: number): OpenCalendar | null {
    return this.respectProspectHours ? this.input.world.prospectHours[this.store.timeZone[slot]!]! : null;
  }

  /** Parks the lead until its calling window next opens (never, if it does not open again). */
  private parkUntilCallable(slot: number, window: OpenCalendar): void {
    this.store.state[slot] = LeadState.BetweenTouches;
    const opens = window.nextOpen(this.q.now);
    if (opens < Infinity) this.q.schedule(opens, EV_TASK_READY, this.ref(slot));
  }

  private uniform(slot: number, draw: number): number {
    return hashUniform(this.store.seed[slot]!, this.store.recycles[slot]! * EPISODE_STRIDE + draw);
  }

  private drawsFor(slot: number, draw: number): CounterSource {
    return this.draws.reset(this.store.seed[slot]!, this.store.recycles[slot]! * EPISODE_STRIDE + draw);
  }

  /** The rep whose pod calendar keeps a role's SLA clock for a zone: one serving it, else any of the role, else -1. */
  private homeRep(role: number, zone: number): number {
    const roster = this.roster;
    for (let rep = 0; rep < roster.count; rep++) if (roster.role[rep] === role && roster.serves[rep]! & (1 << zone)) return rep;
    for (let rep = 0; rep < roster.count; rep++) if (roster.role[rep] === role) return rep;
    return -1;
  }
}
