/** A min-heap of integer values keyed by a number, ties broken by insertion order: a rep's due-ordered work queue. */
export class KeyedHeap {
  private keys: Float64Array;
  private sequences: Float64Array;
  private values: Int32Array;
  private count = 0;
  private sequence = 0;

  constructor(initialCapacity = 16) {
    this.keys = new Float64Array(initialCapacity);
    this.sequences = new Float64Array(initialCapacity);
    this.values = new Int32Array(initialCapacity);
  }

  get size(): number {
    return this.count;
  }

  peekKey(): number {
    return this.count === 0 ? Infinity : this.keys[0]!;
  }

  peekValue(): number {
    return this.count === 0 ? -1 : this.values[0]!;
  }

  push(key: number, value: number): void {
    if (this.count === this.keys.length) this.grow();
    const sequence = this.sequence++;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!(key < this.keys[parent]! || (key === this.keys[parent]! && sequence < this.sequences[parent]!))) break;
      this.keys[i] = this.keys[parent]!;
      this.sequences[i] = this.sequences[parent]!;
      this.values[i] = this.values[parent]!;
      i = parent;
    }
    this.keys[i] = key;
    this.sequences[i] = sequence;
    this.values[i] = value;
  }

  /** Removes and returns the smallest value; -1 when empty. */
  pop(): number {
    if (this.count === 0) return -1;
    const top = this.values[0]!;
    const size = --this.count;
    const key = this.keys[size]!;
    const sequence = this.sequences[size]!;
    const value = this.values[size]!;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      let child = left;
      if (right < size && (this.keys[right]! < this.keys[left]! || (this.keys[right] === this.keys[left] && this.sequences[right]! < this.sequences[left]!))) child = right;
      if (!(this.keys[child]! < key || (this.keys[child] === key && this.sequences[child]! < sequence))) break;
      this.keys[i] = this.keys[child]!;
      this.sequences[i] = this.sequences[child]!;
      this.values[i] = this.values[child]!;
      i = child;
    }
    if (size > 0) {
      this.keys[i] = key;
      this.sequences[i] = sequence;
      this.values[i] = value;
    }
    return top;
  }

  private grow(): void {
    const capacity = this.keys.length * 2;
    const keys = new Float64Array(capacity);
    keys.set(this.keys);
    const sequences = new Float64Array(capacity);
    sequences.set(this.sequences);
    const values = new Int32Array(capacity);
    values.set(this.values);
    this.keys = keys;
    this.sequences = sequences;
    this.values = values;
  }
}
