/**
 * The keys a file has shown so far (its handles, its SKUs) with the line each was first on, for
 * the import's "a product's rows follow one another" and "a SKU once" checks. A file of 100,000
 * products has 300,000 of them: as a Map of strings that is ~90 bytes a key on the collected heap
 * (~27 MiB, and the collector lets the heap grow to twice what it holds), so the peak memory
 * climbed with the file. Here a key is kept as its 64-bit hash (two 32-bit hashes) and its line,
 * 12 bytes a slot in typed arrays outside the collected heap, at most 75% full: ≤ 32 bytes a key.
 *
 * Two different keys with the same 64-bit hash would be taken for one (reported as "also on line
 * N"); among the 300,000 keys of the largest file measured the chance is about 1 in 400 million.
 */
export class SeenKeys {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private lines: Uint32Array;
  private size = 0;

  constructor(capacity = 1 << 12) {
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.lines = new Uint32Array(capacity);
  }

  /** The line `key` was first recorded on, if it was. */
  get(key: string): number | undefined {
    const [hi, lo] = hashOf(key);
    const slot = this.find(hi, lo);
    return this.lines[slot] !== 0 ? this.lines[slot] : undefined;
  }

  /** Records `key` as first seen on `line` (≥ 1); a key already recorded keeps its line. */
  set(key: string, line: number): void {
    const [hi, lo] = hashOf(key);
    const slot = this.find(hi, lo);
    if (this.lines[slot] !== 0) return;
    this.hi[slot] = hi;
    this.lo[slot] = lo;
    this.lines[slot] = Math.max(1, line);
    if (++this.size * 4 > this.hi.length * 3) this.grow();
  }

  /** The slot holding this hash, or the empty one where it would go (linear probing). */
  private find(hi: number, lo: number): number {
    const mask = this.hi.length - 1;
    let slot = lo & mask;
    while (this.lines[slot] !== 0 && (this.hi[slot] !== hi || this.lo[slot] !== lo)) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { hi, lo, lines } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(lo.length * 2);
    this.lines = new Uint32Array(lines.length * 2);
    for (let i = 0; i < hi.length; i++) {
      if (lines[i] === 0) continue;
      const slot = this.find(hi[i]!, lo[i]!);
      this.hi[slot] = hi[i]!;
      this.lo[slot] = lo[i]!;
      this.lines[slot] = lines[i]!;
    }
  }
}

function hashOf(key: string): [number, number] {
  return [Bun.hash.crc32(key) >>> 0, Bun.hash.murmur32v3(key) >>> 0];
}
