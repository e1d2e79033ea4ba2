/**
 * The future event list: a binary heap of pooled event slots keyed by (time, priority, sequence), as in
 * SimPy's kernel; the sequence number makes ties deterministic. Events are plain integers (kind, payload),
 * so scheduling allocates nothing once the pool has grown.
 */
const SLOT_BITS = 2 ** 24;
const SEQUENCE_SPAN = 2 ** 44;

export class EventQueue {
  private kinds: Uint8Array;
  private payloads: Float64Array;
  private versions: Uint32Array;
  private alive: Uint8Array;
  /** The heap: event slots, with their keys kept beside them so sifting compares without a lookup per slot. */
  private heap: Int32Array;
  private heapTime: Float64Array;
  private heapOrder: Float64Array;
  private free: Int32Array;
  private freeCount = 0;
  private slotsUsed = 0;
  private heapSize = 0;
  private sequence = 0;
  /** Simulation clock: the time of the event last popped. */
  now = 0;
  /** Events dispatched so far (cancelled ones excluded). */
  processed = 0;
  /** Filled by pop(). */
  kind = 0;
  payload = 0;

  constructor(initialCapacity = 1024) {
    this.kinds = new Uint8Array(initialCapacity);
    this.payloads = new Float64Array(initialCapacity);
    this.versions = new Uint32Array(initialCapacity);
    this.alive = new Uint8Array(initialCapacity);
    this.heap = new Int32Array(initialCapacity);
    this.heapTime = new Float64Array(initialCapacity);
    this.heapOrder = new Float64Array(initialCapacity);
    this.free = new Int32Array(initialCapacity);
  }

  get size(): number {
    return this.heapSize;
  }

  /** Schedules an event and returns a handle for cancel(). Lower priority runs first at equal times. */
  schedule(time: number, kind: number, payload: number, priority = 0): number {
    if (!(time >= this.now)) {
      throw new RangeError(`event time ${time} must not be before the current time ${this.now} (kind ${kind})`);
    }
    const slot = this.allocate();
    this.kinds[slot] = kind;
    this.payloads[slot] = payload;
    this.alive[slot] = 1;
    this.push(slot, time, priority * SEQUENCE_SPAN + this.sequence++);
    return slot + this.versions[slot]! * SLOT_BITS;
  }

  /** Cancels in O(1): the slot is marked dead and skipped when it reaches the top. */
  cancel(handle: number): void {
    const slot = handle % SLOT_BITS;
    if (this.versions[slot] === Math.floor(handle / SLOT_BITS)) this.alive[slot] = 0;
  }

  /** Moves the clock to t for an event handled outside the heap (arrivals); time never runs backwards. */
  advance(t: number): void {
    if (!(t >= this.now)) throw new RangeError(`cannot move the clock back from ${this.now} to ${t}`);
    this.now = t;
    this.processed++;
  }

  /** Time of the next live event, or Infinity. */
  peekTime(): number {
    this.dropDeadTop();
    return this.heapSize === 0 ? Infinity : this.heapTime[0]!;
  }

  /** Pops the next live event into (now, kind, payload); false when none remain. */
  pop(): boolean {
    this.dropDeadTop();
    if (this.heapSize === 0) return false;
    this.now = this.heapTime[0]!;
    const slot = this.removeTop();
    this.kind = this.kinds[slot]!;
    this.payload = this.payloads[slot]!;
    this.release(slot);
    this.processed++;
    return true;
  }

  private dropDeadTop(): void {
    while (this.heapSize > 0 && this.alive[this.heap[0]!] === 0) this.release(this.removeTop());
  }

  private allocate(): number {
    if (this.freeCount > 0) return this.free[--this.freeCount]!;
    if (this.slotsUsed === this.kinds.length) this.grow();
    return this.slotsUsed++;
  }

  private release(slot: number): void {
    this.alive[slot] = 0;
    this.versions[slot] = (this.versions[slot]! + 1) % 0x1fffffff;
    this.free[this.freeCount++] = slot;
  }

  private grow(): void {
    const capacity = this.kinds.length * 2;
    if (capacity > SLOT_BITS) throw new RangeError(`more than ${SLOT_BITS} pending events`);
    const grow = <T extends Float64Array | Uint8Array | Int32Array | Uint32Array>(array: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(array);
      return next;
    };
    this.kinds = grow(this.kinds, (n) => new Uint8Array(n));
    this.payloads = grow(this.payloads, (n) => new Float64Array(n));
    this.versions = grow(this.versions, (n) => new Uint32Array(n));
    this.alive = grow(this.alive, (n) => new Uint8Array(n));
    this.heap = grow(this.heap, (n) => new Int32Array(n));
    this.heapTime = grow(this.heapTime, (n) => new Float64Array(n));
    this.heapOrder = grow(this.heapOrder, (n) => new Float64Array(n));
    this.free = grow(this.free, (n) => new Int32Array(n));
  }

  private push(slot: number, time: number, order: number): void {
    const heap = this.heap;
    const times = this.heapTime;
    const orders = this.heapOrder;
    let i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = times[parent]!;
      if (!(time < parentTime || (time === parentTime && order < orders[parent]!))) break;
      heap[i] = heap[parent]!;
      times[i] = parentTime;
      orders[i] = orders[parent]!;
      i = parent;
    }
    heap[i] = slot;
    times[i] = time;
    orders[i] = order;
  }

  private removeTop(): number {
    const heap = this.heap;
    const times = this.heapTime;
    const orders = this.heapOrder;
    const top = heap[0]!;
    const size = --this.heapSize;
    const last = heap[size]!;
    const lastTime = times[size]!;
    const lastOrder = orders[size]!;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      let child = left;
      if (right < size && (times[right]! < times[left]! || (times[right] === times[left] && orders[right]! < orders[left]!))) child = right;
      const childTime = times[child]!;
      if (!(childTime < lastTime || (childTime === lastTime && orders[child]! < lastOrder))) break;
      heap[i] = heap[child]!;
      times[i] = childTime;
      orders[i] = orders[child]!;
      i = child;
    }
    if (size > 0) {
      heap[i] = last;
      times[i] = lastTime;
      orders[i] = lastOrder;
    }
    return top;
  }
}
