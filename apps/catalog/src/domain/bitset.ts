/**
 * A fixed-width set of small integers (the listing index's product slots), one bit each, 32 to a
 * word. Sets of one width combine word by word: an intersection of two sets over 100,000 slots is
 * 3,125 word operations. Written here rather than taken from `roaring` (the registry's bitmap
 * package): that one is a native addon whose prebuilt binaries download from GitHub at install
 * and otherwise compile with node-gyp, neither of which a fresh machine here can count on; at a
 * million products a plain set is 125 KiB.
 */
export class Bitset {
  words: Uint32Array;

  constructor(slots: number) {
    this.words = new Uint32Array(wordsFor(slots));
  }

  /** Room for `slots` slots (new slots unset); never shrinks. */
  grow(slots: number): void {
    const need = wordsFor(slots);
    if (need <= this.words.length) return;
    const words = new Uint32Array(Math.max(need, this.words.length * 2));
    words.set(this.words);
    this.words = words;
  }

  has(slot: number): boolean {
    return ((this.words[slot >>> 5]! >>> (slot & 31)) & 1) === 1;
  }

  set(slot: number): void {
    this.words[slot >>> 5]! |= 1 << (slot & 31);
  }

  clear(slot: number): void {
    this.words[slot >>> 5]! &= ~(1 << (slot & 31));
  }

  /** This set, narrowed to the slots also in `other`, in place. */
  and(other: Bitset): this {
    const a = this.words;
    const b = other.words;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) a[i]! &= b[i]!;
    a.fill(0, n);
    return this;
  }

  /** This set, widened by the slots in `other`, in place. */
  or(other: Bitset): this {
    const a = this.words;
    const b = other.words;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) a[i]! |= b[i]!;
    return this;
  }

  /** How many slots are set. */
  count(): number {
    let n = 0;
    const a = this.words;
    for (let i = 0; i < a.length; i++) if (a[i] !== 0) n += popcount(a[i]!);
    return n;
  }

  /** How many slots are in both sets, without building the intersection. */
  countAnd(other: Bitset): number {
    let n = 0;
    const a = this.words;
    const b = other.words;
    const len = Math.min(a.length, b.length);
    for (let i = 0; i < len; i++) {
      const w = a[i]! & b[i]!;
      if (w !== 0) n += popcount(w);
    }
    return n;
  }

  /** Calls `fn` with every set slot, in increasing order. */
  forEach(fn: (slot: number) => void): void {
    const a = this.words;
    for (let i = 0; i < a.length; i++) {
      let w = a[i]!;
      while (w !== 0) {
        const low = w & -w;
        fn((i << 5) + 31 - Math.clz32(low));
        w ^= low;
      }
    }
  }
}

const wordsFor = (slots: number) => (slots + 31) >>> 5;

/** The number of set bits of a 32-bit word (the SWAR count). */
export function popcount(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Sets for one synchronous computation (a listing query), handed out again by the next one once
 * `reset`: a query over 100,000 slots used up to ten fresh 12.5 KB sets, and their allocation and
 * collection was a tenth of its time. Nothing handed out may be kept past the computation.
 */
export class ScratchSets {
  private pool: Bitset[] = [];
  private used = 0;
  private width = 0;

  /** Starts a computation over `slots` slots: every set handed out before is free again. */
  reset(slots: number): void {
    const width = wordsFor(slots);
    if (width !== this.width) {
      this.pool = [];
      this.width = width;
    }
    this.used = 0;
  }

  /** An empty set. */
  empty(): Bitset {
    const set = this.next();
    set.words.fill(0);
    return set;
  }

  /** A copy of `source` (cut or padded to the computation's width). */
  copyOf(source: Bitset): Bitset {
    const set = this.next();
    const n = Math.min(source.words.length, this.width);
    set.words.set(n === source.words.length ? source.words : source.words.subarray(0, n));
    if (n < this.width) set.words.fill(0, n);
    return set;
  }

  private next(): Bitset {
    let set = this.pool[this.used];
    if (!set) {
      set = new Bitset(0);
      set.words = new Uint32Array(this.width);
      this.pool.push(set);
    }
    this.used++;
    return set;
  }
}
