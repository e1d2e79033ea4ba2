import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { KeyedHeap } from '../src/engine/keyedHeap.js';

// Behaviour: KeyedHeap pops values in ascending key order, first-in-first-out among equal keys.

describe('KeyedHeap', () => {
  it('is empty with sentinel answers', () => {
    const heap = new KeyedHeap();
    expect(heap.size).toBe(0);
    expect(heap.peekKey()).toBe(Infinity);
    expect(heap.peekValue()).toBe(-1);
    expect(heap.pop()).toBe(-1);
  });

  it('pops in key order with FIFO ties, growing past its initial capacity', () => {
    const heap = new KeyedHeap(1);
    const pushes: [number, number][] = [
      [5, 0],
      [1, 1],
      [5, 2],
      [3, 3],
      [1, 4],
      [-2, 5],
      [5, 6],
      [1, 7],
    ];
    for (const [key, value] of pushes) heap.push(key, value);
    expect(heap.size).toBe(8);
    expect(heap.peekKey()).toBe(-2);
    expect(heap.peekValue()).toBe(5);
    const popped: number[] = [];
    while (heap.size > 0) popped.push(heap.pop());
    expect(popped).toEqual([5, 1, 4, 7, 3, 0, 2, 6]);
  });

  it('agrees with a stable-sorted model under random push/pop sequences (property)', () => {
    const op = fc.oneof(
      { weight: 3, arbitrary: fc.tuple(fc.constant('push' as const), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 1_000_000 })) },
      { weight: 2, arbitrary: fc.tuple(fc.constant('pop' as const), fc.constant(0), fc.constant(0)) },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), fc.integer({ min: 1, max: 4 }), (ops, capacity) => {
        const heap = new KeyedHeap(capacity);
        const model: { key: number; value: number; seq: number }[] = [];
        let seq = 0;
        for (const [kind, key, value] of ops) {
          if (kind === 'push') {
            heap.push(key, value);
            model.push({ key, value, seq: seq++ });
          } else {
            model.sort((a, b) => a.key - b.key || a.seq - b.seq);
            const expected = model.shift();
            expect(heap.pop()).toBe(expected ? expected.value : -1);
          }
          expect(heap.size).toBe(model.length);
          const head = [...model].sort((a, b) => a.key - b.key || a.seq - b.seq)[0];
          expect(heap.peekKey()).toBe(head ? head.key : Infinity);
          expect(heap.peekValue()).toBe(head ? head.value : -1);
        }
      }),
      { numRuns: 500, seed: 106 },
    );
  });
});
