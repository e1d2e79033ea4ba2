import { compileDistribution, type Sampler } from '../random/distributions.js';
import type { RandomSource } from '../random/streams.js';
import type { Scenario } from '../scenario/schema/scenario.js';
import { headcount } from '../scenario/schema/team.js';
import { KeyedHeap } from './keyedHeap.js';
import type { OpenCalendar } from './calendar.js';
import type { World } from './world.js';

export const ROLE_SDR = 0;
export const ROLE_AE = 1;
export const roleIndex = (role: 'sdr' | 'ae'): number => (role === 'sdr' ? ROLE_SDR : ROLE_AE);

/** The reps of one replication: servers with a calendar (absences removed), a work queue and counters. */
export class RepRoster {
  readonly count: number;
  readonly role: Uint8Array;
  readonly overflow: Uint8Array;
  readonly weight: Float64Array;
  readonly capacity: Int32Array;
  /** Leads assigned to each rep and not yet finished; changed only through addLead and dropLead. */
  readonly openLeads: Int32Array;
  readonly busy: Uint8Array;
  readonly current: Int32Array;
  readonly wakeAt: Float64Array;
  readonly smoothWeight: Float64Array;
  readonly calendar: OpenCalendar[];
  readonly podCalendar: OpenCalendar[];
  readonly work: Sampler[];
  readonly accept: Sampler[];
  readonly queue: KeyedHeap[];
  /** Bit z set when the rep covers prospect zone z (all bits when the pod serves everyone). */
  readonly serves: Uint32Array;
  /** Rep indexes of each role. */
  readonly byRole: Int32Array[];
  readonly rrPointer = new Int32Array(2);
  /** Reps of each role working a touch right now (pooled dispatch skips its scan when all are busy). */
  readonly busyByRole = new Int32Array(2);
  /** idle[role]: a bit set (by position in byRole) of the role's reps not working a touch, for pooled dispatch. */
  private readonly idle: Uint32Array[];
  readonly busyMinutes: Float64Array;
  /** Average open minutes per open day of each rep's team calendar (for business-day cadences). */
  readonly openMinutesPerDay: Float64Array;
  /** Pod of each rep (a pod's reps have consecutive indexes), each pod's first rep and size, and its team calendar. */
  readonly pod: Int32Array;
  readonly podFirst: Int32Array;
  readonly podSize: Int32Array;
  readonly podCalendars: OpenCalendar[] = [];
  /** Per rep, 1 for each interval of its pod's calendar that falls on one of its days out; null if it has none. */
  readonly daysOut: (Uint8Array | null)[] = [];
  private readonly podOpens: Float64Array;
  private readonly podInterval: Int32Array;
  /** Position of each rep in byRole[its role]. */
  readonly rolePosition: Int32Array;
  /**
   * atLoad[role][k]: a bit set (by position in byRole) of the role's reps holding k open leads, so the least-loaded
   * rep in index order is found by walking loads upward, not by scanning every rep.
   */
  private readonly atLoad: Uint32Array[][];
  /** How many reps of the role hold k open leads, and the smallest k held: the walk starts there, not at 0. */
  private readonly loadCount: number[][];
  private readonly lowest = new Int32Array(2);

  constructor(scenario: Scenario, world: World, absenceStream: (pod: string, rep: number) => RandomSource) {
    const pods = Object.entries(scenario.team);
    this.count = headcount(scenario.team);
    const n = this.count;
    this.role = new Uint8Array(n);
    this.overflow = new Uint8Array(n);
    this.weight = new Float64Array(n);
    this.capacity = new Int32Array(n);
    this.openLeads = new Int32Array(n);
    this.busy = new Uint8Array(n);
    this.current = new Int32Array(n).fill(-1);
    this.wakeAt = new Float64Array(n).fill(-1);
    this.smoothWeight = new Float64Array(n);
    this.serves = new Uint32Array(n);
    this.busyMinutes = new Float64Array(n);
    this.openMinutesPerDay = new Float64Array(n);
    this.pod = new Int32Array(n);
    this.podFirst = new Int32Array(pods.length);
    this.podSize = new Int32Array(pods.length);
    this.calendar = [];
    this.podCalendar = [];
    this.work = [];
    this.accept = [];
    this.queue = [];
    const allZones = world.zones.length >= 32 ? 0xffffffff : (1 << world.zones.length) - 1;
    let rep = 0;
    pods.forEach(([podName, pod]) => {
      const teamCalendar = world.calendar(pod.calendar);
      const work = compileDistribution(pod.workMinutes);
      const accept = compileDistribution(pod.acceptMinutes);
      const serves = pod.serves === undefined ? allZones : pod.serves.reduce((mask, zone) => mask | (1 << world.zones.indexOf(zone)), 0);
      const perDay = averageOpenMinutesPerDay(teamCalendar);
      const podIndex = this.podCalendars.push(teamCalendar) - 1;
      this.podFirst[podIndex] = rep;
      this.podSize[podIndex] = pod.count;
      for (let i = 0; i < pod.count; i++, rep++) {
        this.pod[rep] = podIndex;
        this.role[rep] = roleIndex(pod.role);
        this.overflow[rep] = pod.overflow ? 1 : 0;
        this.weight[rep] = pod.weight;
        this.capacity[rep] = pod.capacity ?? 0x7fffffff;
        this.serves[rep] = serves;
        this.openMinutesPerDay[rep] = perDay;
        this.podCalendar.push(teamCalendar);
        // Each rep's absences come from its own stream, so a headcount change elsewhere does not reshuffle them.
        const out = absentDays(teamCalendar, pod.absenceRate, absenceStream(podName, i));
        this.calendar.push(world.calendarWithout(pod.calendar, out));
        this.daysOut.push(out.size === 0 ? null : Uint8Array.from(teamCalendar.localDays, (day) => (out.has(day) ? 1 : 0)));
        this.work.push(work);
        this.accept.push(accept);
        this.queue.push(new KeyedHeap());
      }
    });
    this.byRole = [ROLE_SDR, ROLE_AE].map((role) => Int32Array.from([...this.role.keys()].filter((r) => this.role[r] === role)));
    this.podOpens = new Float64Array(this.podCalendars.length);
    this.podInterval = new Int32Array(this.podCalendars.length);
    this.rolePosition = new Int32Array(n);
    for (const reps of this.byRole) reps.forEach((rep, position) => (this.rolePosition[rep] = position));
    this.atLoad = this.byRole.map((reps) => {
      const everyone = new Uint32Array((reps.length + 31) >>> 5);
      for (let position = 0; position < reps.length; position++) everyone[position >>> 5]! |= 1 << (position & 31);
      return [everyone];
    });
    this.loadCount = this.byRole.map((reps) => [reps.length]);
    // Every rep starts idle: the same bits as load 0's "everyone".
    this.idle = this.atLoad.map((levels) => levels[0]!.slice());
  }

  /** The rep starts working a touch on the lead in `slot`. */
  startWork(rep: number, slot: number): void {
    const role = this.role[rep]!;
    const position = this.rolePosition[rep]!;
    this.busy[rep] = 1;
    this.busyByRole[role]!++;
    this.current[rep] = slot;
    this.idle[role]![position >>> 5]! &= ~(1 << (position & 31));
  }

  /** The rep's touch is over; returns the slot of the lead it was working. */
  endWork(rep: number): number {
    const role = this.role[rep]!;
    const position = this.rolePosition[rep]!;
    const slot = this.current[rep]!;
    this.busy[rep] = 0;
    this.busyByRole[role]!--;
    this.current[rep] = -1;
    this.idle[role]![position >>> 5]! |= 1 << (position & 31);
    return slot;
  }

  /** The first rep of the role not working a touch, in index order from position `from` of byRole; -1 if none. */
  nextIdle(role: number, from: number): number {
    return this.nextInSet(this.idle[role]!, role, from);
  }

  /** The rep takes on one more open lead. */
  addLead(rep: number): void {
    const role = this.role[rep]!;
    const levels = this.atLoad[role]!;
    const load = this.openLeads[rep]!++;
    if (load + 1 === levels.length) {
      levels.push(new Uint32Array(levels[0]!.length));
      this.loadCount[role]!.push(0);
    }
    this.moveLoad(role, rep, load, load + 1);
    // The lowest load rises only when its last rep leaves it, and then to where that rep went.
    if (load === this.lowest[role] && this.loadCount[role]![load] === 0) this.lowest[role] = load + 1;
  }

  /** The rep gives up one open lead. */
  dropLead(rep: number): void {
    const role = this.role[rep]!;
    const load = this.openLeads[rep]!--;
    this.moveLoad(role, rep, load, load - 1);
    if (load - 1 < this.lowest[role]!) this.lowest[role] = load - 1;
  }

  private moveLoad(role: number, rep: number, from: number, to: number): void {
    const levels = this.atLoad[role]!;
    const counts = this.loadCount[role]!;
    const position = this.rolePosition[rep]!;
    const bit = 1 << (position & 31);
    levels[from]![position >>> 5]! &= ~bit;
    levels[to]![position >>> 5]! |= bit;
    counts[from]!--;
    counts[to]!++;
  }

  /** How many load levels the role has had (loads 0 .. loadLevels - 1). */
  loadLevels(role: number): number {
    return this.atLoad[role]!.length;
  }

  /** The fewest open leads any rep of the role holds (0 for a role with no reps). */
  lowestLoad(role: number): number {
    return this.lowest[role]!;
  }

  /** How many reps of the role hold exactly `load` open leads. */
  repsAtLoad(role: number, load: number): number {
    return this.loadCount[role]![load]!;
  }

  /** The first rep of the role, in index order from position `from` of byRole, holding exactly `load` open leads; -1 if none. */
  nextAtLoad(role: number, load: number, from: number): number {
    return this.nextInSet(this.atLoad[role]![load]!, role, from);
  }

  /** The first rep of the role whose bit is set in `bits` (by position in byRole), from position `from`; -1 if none. */
  private nextInSet(bits: Uint32Array, role: number, from: number): number {
    let word = from >>> 5;
    if (word >= bits.length) return -1;
    let pending = bits[word]! & (-1 << (from & 31));
    while (pending === 0) {
      if (++word === bits.length) return -1;
      pending = bits[word]!;
    }
    return this.byRole[role]![(word << 5) | (31 - Math.clz32(pending & -pending))]!;
  }

  /** Asks each pod's calendar once when it next opens from t, for nextOpenFromPods (a large team asks per rep). */
  askPodsFrom(t: number): void {
    for (let pod = 0; pod < this.podCalendars.length; pod++) {
      const calendar = this.podCalendars[pod]!;
      const interval = calendar.intervalFrom(t);
      this.podInterval[pod] = interval;
      this.podOpens[pod] = calendar.nextOpenIn(interval, t);
    }
  }

  /** podOpens of askPodsFrom's t, for a pod. */
  podOpensFrom(pod: number): number {
    return this.podOpens[pod]!;
  }

  /** Whether the rep opens exactly when its pod does from askPodsFrom's t (false on one of its days out). */
  opensWithPod(rep: number): boolean {
    const out = this.daysOut[rep] ?? null;
    return out === null || out[this.podInterval[this.pod[rep]!]!] !== 1;
  }

  /**
   * calendar[rep].nextOpen(t) for the t last given to askPodsFrom. A rep's calendar is its pod's without its days
   * out, so it opens when the pod does unless that interval is one of its days out.
   */
  nextOpenFromPods(rep: number, t: number): number {
    return this.opensWithPod(rep) ? this.podOpens[this.pod[rep]!]! : this.calendar[rep]!.nextOpen(t);
  }

  /** Out of office: the team is working (or about to) but this rep's own calendar opens later. */
  isAbsent(rep: number, now: number): boolean {
    return this.calendar[rep]!.nextOpen(now) > this.podCalendar[rep]!.nextOpen(now);
  }
}

/** Each working day is independently an out-of-office day with the pod's absence rate. */
function absentDays(calendar: OpenCalendar, rate: number, random: RandomSource): Set<string> {
  const days = new Set<string>();
  if (rate <= 0) return days;
  let previous = '';
  for (const day of calendar.localDays) {
    if (day === previous) continue;
    previous = day;
    if (random.next() < rate) days.add(day);
  }
  return days;
}

/** Open minutes per open local day, on average over the horizon (480 for a calendar that never opens). */
export function averageOpenMinutesPerDay(calendar: OpenCalendar): number {
  const days = new Set(calendar.localDays).size;
  if (days === 0) return 480;
  const total = calendar.openMinutesBefore(calendar.ends[calendar.size - 1]!);
  return total / days;
}
