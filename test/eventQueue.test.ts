import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from '../src/engine/eventQueue.js';

// Behaviour: the future event list pops live events in (time, priority, insertion) order and cancels
// exactly the event a handle was issued for.

interface Popped {
  now: number;
  kind: number;
  payload: number;
}

function popAll(queue: EventQueue): Popped[] {
  const out: Popped[] = [];
  while (queue.pop()) out.push({ now: queue.now, kind: queue.kind, payload: queue.payload });
  return out;
}

describe('EventQueue ordering', () => {
  it('pops by time, then priority (lower first), then insertion order', () => {
    const q = new EventQueue();
    q.schedule(5, 1, 100);
    q.schedule(3, 2, 101);
    q.schedule(5, 3, 102, -1);
    q.schedule(5, 4, 103);
    q.schedule(5, 5, 104, 2);
    q.schedule(3, 6, 105);
    q.schedule(0, 7, 106, 9);
    expect(popAll(q).map((e) => e.payload)).toEqual([106, 101, 105, 102, 100, 103, 104]);
  });

  it('pop fills now, kind and payload; peekTime and processed follow', () => {
    const q = new EventQueue();
    expect(q.peekTime()).toBe(Infinity);
    expect(q.pop()).toBe(false);
    q.schedule(2.5, 42, 1234.5);
    q.schedule(7, 3, -8);
    expect(q.peekTime()).toBe(2.5);
    expect(q.pop()).toBe(true);
    expect([q.now, q.kind, q.payload, q.processed]).toEqual([2.5, 42, 1234.5, 1]);
    expect(q.peekTime()).toBe(7);
    expect(q.pop()).toBe(true);
    expect([q.now, q.kind, q.payload, q.processed]).toEqual([7, 3, -8, 2]);
    expect(q.pop()).toBe(false);
    expect(q.now).toBe(7);
  });

  it('events scheduled at the current time run after those already queued for it', () => {
    const q = new EventQueue();
    q.schedule(1, 0, 1);
    q.schedule(1, 0, 2);
    q.pop();
    q.schedule(1, 0, 3); // now === 1
    expect(popAll(q).map((e) => e.payload)).toEqual([2, 3]);
  });

  it('scheduling before the current time throws a RangeError naming both times', () => {
    const q = new EventQueue();
    q.schedule(10, 4, 0);
    q.pop();
    expect(() => q.schedule(9.5, 4, 0)).toThrow(RangeError);
    expect(() => q.schedule(9.5, 4, 0)).toThrow(/9\.5.*10/);
    expect(() => q.schedule(Number.NaN, 4, 0)).toThrow(RangeError);
    expect(() => q.schedule(10, 4, 0)).not.toThrow();
  });

  it('grows beyond its initial capacity without losing or misordering events', () => {
    const q = new EventQueue(2);
    const times = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5003);
    times.forEach((t, i) => q.schedule(t, i % 256, i));
    const popped = popAll(q);
    expect(popped).toHaveLength(5000);
    const expected = times.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i);
    expect(popped.map((e) => e.payload)).toEqual(expected.map((e) => e.i));
    expect(popped.map((e) => e.kind)).toEqual(expected.map((e) => e.i % 256));
  });
});

describe('EventQueue cancellation', () => {
  it('cancel removes exactly that event', () => {
    const q = new EventQueue();
    q.schedule(1, 0, 1);
    const h = q.schedule(2, 0, 2);
    q.schedule(2, 0, 3);
    q.cancel(h);
    q.cancel(h); // idempotent
    expect(popAll(q).map((e) => e.payload)).toEqual([1, 3]);
    expect(q.processed).toBe(2);
  });

  it('a cancelled top is skipped by peekTime', () => {
    const q = new EventQueue();
    const h = q.schedule(1, 0, 1);
    q.schedule(4, 0, 2);
    q.cancel(h);
    expect(q.peekTime()).toBe(4);
  });

  it('a stale handle of a popped event does not cancel the new event that reuses its slot', () => {
    const q = new EventQueue(1);
    const stale = q.schedule(1, 0, 1);
    expect(q.pop()).toBe(true);
    const fresh = q.schedule(2, 0, 2);
    expect(fresh).not.toBe(stale);
    q.cancel(stale);
    expect(q.pop()).toBe(true);
    expect(q.payload).toBe(2);
  });

  it('a stale handle of a cancelled (and discarded) event does not cancel the slot reuser', () => {
    const q = new EventQueue(1);
    const stale = q.schedule(1, 0, 1);
    q.cancel(stale);
    expect(q.peekTime()).toBe(Infinity); // discards the dead event and frees its slot
    q.schedule(3, 0, 3);
    q.cancel(stale);
    expect(popAll(q).map((e) => e.payload)).toEqual([3]);
  });
});

type Op =
  | { op: 'schedule'; dt: number; priority: number; kind: number }
  | { op: 'cancel'; pick: number }
  | { op: 'pop' }
  | { op: 'peek' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('schedule' as const), dt: fc.integer({ min: 0, max: 5 }), priority: fc.integer({ min: -2, max: 2 }), kind: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('pop' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('peek' as const) }) },
);

interface ModelEvent {
  time: number;
  priority: number;
  sequence: number;
  kind: number;
  payload: number;
  live: boolean;
}

describe('EventQueue against a sorted-array model (property)', () => {
  it('random schedule/cancel/pop sequences, including stale handles, agree with the model', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300 }), fc.integer({ min: 1, max: 8 }), (ops, capacity) => {
        const q = new EventQueue(capacity);
        const pending: ModelEvent[] = [];
        const handles: { handle: number; event: ModelEvent }[] = []; // every handle ever issued
        let now = 0;
        let sequence = 0;
        let processed = 0;
        const next = (): ModelEvent | undefined =>
          pending
            .filter((e) => e.live)
            .sort((a, b) => a.time - b.time || a.priority - b.priority || a.sequence - b.sequence)[0];
        for (const op of ops) {
          if (op.op === 'schedule') {
            const event = { time: now + op.dt, priority: op.priority, sequence: sequence++, kind: op.kind, payload: sequence * 10 + 0.5, live: true };
            const handle = q.schedule(event.time, event.kind, event.payload, event.priority);
            pending.push(event);
            handles.push({ handle, event });
          } else if (op.op === 'cancel') {
            if (handles.length === 0) continue;
            const { handle, event } = handles[op.pick % handles.length]!;
            q.cancel(handle);
            event.live = false; // no-op in the model if it already ran or was cancelled
          } else if (op.op === 'pop') {
            const expected = next();
            expect(q.pop()).toBe(expected !== undefined);
            if (expected) {
              expected.live = false;
              pending.splice(pending.indexOf(expected), 1);
              now = expected.time;
              processed++;
              expect([q.now, q.kind, q.payload]).toEqual([expected.time, expected.kind, expected.payload]);
            }
          } else {
            expect(q.peekTime()).toBe(next()?.time ?? Infinity);
          }
          expect(q.processed).toBe(processed);
        }
        // Drain: the remainder comes out in model order.
        const rest = pending.filter((e) => e.live).sort((a, b) => a.time - b.time || a.priority - b.priority || a.sequence - b.sequence);
        expect(popAll(q).map((e) => e.payload)).toEqual(rest.map((e) => e.payload));
      }),
      { numRuns: 500, seed: 105 },
    );
  });
});
