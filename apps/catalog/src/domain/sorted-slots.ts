/**
 * Slots kept in ascending (key, id) order: one listing sort of the listing index. A product whose
 * key changed is moved (a binary search and one block move), so keeping an order current costs
 * one memmove per write, never a re-sort; `rebuild` sorts once after a bulk load. Ties are broken
 * by the product id compared as SQLite compares TEXT (code units, which is byte order for the
 * ASCII ids the catalog mints), so a page here is the page SQL's `ORDER BY key, id` would give.
 */
export class SortedSlots {
  private slots = new Int32Array(1024);
  length = 0;

  constructor(
    private readonly keyOf: (slot: number) => number,
    private readonly idOf: (slot: number) => string,
  ) {}

  at(position: number): number {
    return this.slots[position]!;
  }

  /** The first position whose (key, id) is above `(key, id)` (strictly, with `inclusive` false: at or above). */
  seek(key: number, id: string, inclusive = false): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.compareAt(mid, key, id);
      if (c < 0 || (c === 0 && !inclusive)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Puts `slot` in place for its current key (it must not be in the order). */
  insert(slot: number): void {
    if (this.length === this.slots.length) {
      const grown = new Int32Array(this.slots.length * 2);
      grown.set(this.slots);
      this.slots = grown;
    }
    const at = this.seek(this.keyOf(slot), this.idOf(slot), true);
    this.slots.copyWithin(at + 1, at, this.length);
    this.slots[at] = slot;
    this.length++;
  }

  /** Takes `slot` out; `key` is the key it was ordered by. False when it was not in. */
  remove(slot: number, key: number): boolean {
    const at = this.seek(key, this.idOf(slot), true);
    if (at >= this.length || this.slots[at] !== slot) return false;
    this.slots.copyWithin(at, at + 1, this.length);
    this.length--;
    return true;
  }

  /** Replaces the order with `slots`, sorted once. */
  rebuild(slots: number[]): void {
    const rows = slots.map((s) => ({ s, k: this.keyOf(s), id: this.idOf(s) }));
    rows.sort((a, b) => (a.k !== b.k ? a.k - b.k : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.slots = new Int32Array(Math.max(1024, Math.ceil(rows.length * 1.25)));
    for (let i = 0; i < rows.length; i++) this.slots[i] = rows[i]!.s;
    this.length = rows.length;
  }

  private compareAt(position: number, key: number, id: string): number {
    const slot = this.slots[position]!;
    const k = this.keyOf(slot);
    if (k !== key) return k < key ? -1 : 1;
    const other = this.idOf(slot);
    return other < id ? -1 : other > id ? 1 : 0;
  }
}
