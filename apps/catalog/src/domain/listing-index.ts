import {
  CURRENCIES,
  type Currency,
  PRODUCT_STATUSES,
  type ProductStatus,
  RATING_FACET_MINS,
  type Sort,
} from "../contract.ts";
import { Bitset, popcount, ScratchSets } from "./bitset.ts";
import type { ListingScope } from "./listing-filters.ts";
import { bucketIndex, PRICE_BUCKETS } from "./price-buckets.ts";
import { SortedSlots } from "./sorted-slots.ts";
import type { SearchHits } from "./text-index.ts";

/**
 * What the listing index holds of one product: the columns listings filter, sort and count on,
 * as the catalog's listing rows (product_prices), option rows and review summary say them.
 */
export interface IndexedProduct {
  id: string;
  /** The full-text row of the product (products.doc_id): search hits name products by it. */
  docId: number;
  status: ProductStatus;
  brand: string | null;
  inStock: boolean;
  /** The product's own categories, space-separated in id order (products.category_set). */
  categorySet: string;
  /** Creation time, ms since the epoch (UTC). */
  createdAt: number;
  ownerId: string | null;
  /** The published average × 100, or null when the product has no review summary. */
  ratingX100: number | null;
  /** The from-price per currency it is sold in (one listing row each). */
  prices: Partial<Record<Currency, number>>;
  options: [name: string, value: string][];
}

/** A listing asked of the index: the checked scope (listing-filters.ts), a seller, a search's hits. */
export interface IndexQuery extends ListingScope {
  ownerId: string | null;
  /** A search's hits (full-text rows and their bm25 scores); null when not searching. */
  hits: SearchHits | null;
  sort: Sort;
  /** Continue after this row (the last one of the page before). */
  after: { key: number; id: string } | null;
  limit: number;
  /**
   * What names this listing's counts, when the caller can say (its scope, seller and search as
   * text): counts are a function of that and the index's content, so they are kept under it until
   * the next write to the index. Pages after the first, and a popular category or search asked
   * again, skip the counting.
   */
  countsKey?: string;
}

/** Counts of the whole filtered set, before they are shaped into facets (facets.ts `shapeFacets`). */
export interface RawCounts {
  total: number;
  brands: Map<string | null, number>;
  /** Per PRICE_BUCKETS entry. */
  buckets: number[];
  inStock: number;
  options: { name: string; value: string; count: number }[];
  /** Per distinct category set (a product's own categories), for the category tree's counts. */
  categorySets: { set: string; count: number }[];
  ratings: { min: number; count: number }[];
}

export interface IndexAnswer {
  /** Up to `limit + 1` rows in the listing's order, each with its sort key (the cursor's). */
  rows: { id: string; k: number }[];
  counts: RawCounts;
}

/** Codes for strings: each distinct value gets the next small integer. */
class Dictionary {
  private readonly codes = new Map<string, number>();
  readonly values: string[] = [];
  code(value: string): number {
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.codes.set(value, c);
      this.values.push(value);
    }
    return c;
  }
  find(value: string): number | undefined {
    return this.codes.get(value);
  }
}

const NONE = -1;
const BRAND = 1;
const PRICE = 2;
const STOCK = 4;
const CATEGORY = 8;
const FACET_FLAGS = [
  ["brand", BRAND],
  ["price", PRICE],
  ["inStock", STOCK],
  ["category", CATEGORY],
] as const;
/** A rating order key for "no summary": SQL sorts those as COALESCE(average, 0). */
const ratingKey = (x100: number) => (x100 === NONE ? 0 : x100);
/** Integer thresholds a rating filter may ask for (contract: 1–5). */
const RATING_THRESHOLDS = [1, 2, 3, 4, 5] as const;

/**
 * The catalog's listings in memory (#25): per product slot, the columns a listing filters, sorts
 * and counts on, a bit set per filterable value (status, currency, brand, stock, category, option,
 * seller, rating threshold) and the listing orders kept sorted. A listing ANDs the sets of its
 * filters, counts each facet over the set with every filter but its own (disjunctive faceting,
 * the same rules as the SQL in facets.ts), and walks one order until a page is full. The database
 * stays the source of truth: this is loaded from it and refreshed from its change log
 * (app/listing-index-sync.ts), and rebuilding it from scratch must give the same index.
 */
/** Listings' counts kept between writes (each a few hundred bytes to a few KB). */
const MAX_KEPT_COUNTS = 512;

export class ListingIndex {
  /** Counts by `countsKey`, emptied by every write (upsert, remove). */
  private readonly keptCounts = new Map<string, RawCounts>();
  /** Scratch of one query: each hit slot's bm25 score. */
  private scoreOf = new Float64Array(0);
  /** The sets one query works with, reused by the next (query() is synchronous). */
  private readonly scratch = new ScratchSets();
  private capacity = 1024;
  private next = 0;
  private readonly free: number[] = [];
  private readonly slotById = new Map<string, number>();
  private readonly slotByDoc = new SlotsByDoc();
  private ids: string[] = [];
  private docIds = new Float64Array(this.capacity);
  private brand = new Int32Array(this.capacity).fill(NONE);
  private categorySet = new Int32Array(this.capacity).fill(NONE);
  private created = new Float64Array(this.capacity);
  private rating = new Int32Array(this.capacity).fill(NONE);
  private owner = new Int32Array(this.capacity).fill(NONE);
  private readonly price = new Map<Currency, Int32Array>();

  private readonly brands = new Dictionary();
  private readonly categorySets = new Dictionary();
  private readonly owners = new Dictionary();
  private readonly optionKeys = new Dictionary();
  /** Option name → the option-key codes of its values. */
  private readonly optionValues = new Map<string, Map<string, number>>();

  private readonly statusBits = PRODUCT_STATUSES.map(() => new Bitset(this.capacity));
  private readonly currencyBits = new Map<Currency, Bitset>();
  private readonly brandBits: Bitset[] = [];
  private readonly inStockBits = new Bitset(this.capacity);
  private readonly categoryBits = new Map<string, Bitset>();
  private readonly ownerBits: Bitset[] = [];
  private readonly optionBits: Bitset[] = [];
  private readonly ratingBits = RATING_THRESHOLDS.map(() => new Bitset(this.capacity));
  /** Per category set code, the categories in it (split once). */
  private readonly setCategories: string[][] = [];

  private readonly newest = new SortedSlots(
    (s) => this.created[s]!,
    (s) => this.ids[s]!,
  );
  private readonly byRating = new SortedSlots(
    (s) => ratingKey(this.rating[s]!),
    (s) => this.ids[s]!,
  );
  private readonly byPrice = new Map<Currency, SortedSlots>();
  /** While loading in bulk, orders are rebuilt once at the end instead of kept per product. */
  private bulk = false;

  constructor() {
    for (const c of CURRENCIES) {
      this.currencyBits.set(c, new Bitset(this.capacity));
      this.price.set(c, new Int32Array(this.capacity));
      this.byPrice.set(
        c,
        new SortedSlots(
          // Read through the map: growing the index replaces the column.
          (s) => this.price.get(c)![s]!,
          (s) => this.ids[s]!,
        ),
      );
    }
  }

  /** How many products are indexed. */
  get size(): number {
    return this.slotById.size;
  }

  /**
   * Adds many products without keeping the orders (a full load, page by page): `endBulk` sorts
   * them once when every page is in. Sorting after each page instead made a million-product load
   * quadratic (fifty pages, each re-sorting all that came before).
   */
  addBulk(products: Iterable<IndexedProduct>): void {
    this.bulk = true;
    try {
      for (const p of products) this.upsert(p);
    } finally {
      this.bulk = false;
    }
  }

  /** Sorts the orders once, after `addBulk`. */
  endBulk(): void {
    this.sortAll();
  }

  /** Adds a product, or replaces what the index holds of it. */
  upsert(p: IndexedProduct): void {
    this.keptCounts.clear();
    let slot = this.slotById.get(p.id);
    if (slot !== undefined) this.unindex(slot);
    else {
      slot = this.free.pop() ?? this.next++;
      if (slot >= this.capacity) this.grow();
      this.slotById.set(p.id, slot);
      this.ids[slot] = p.id;
    }
    this.slotByDoc.set(p.docId, slot);
    this.docIds[slot] = p.docId;
    const status = PRODUCT_STATUSES.indexOf(p.status);
    this.statusBits[status]!.set(slot);
    if (p.brand !== null) {
      const b = this.brands.code(p.brand);
      this.brand[slot] = b;
      this.listed(this.brandBits, b).set(slot);
    }
    if (p.inStock) this.inStockBits.set(slot);
    const set = this.categorySets.code(p.categorySet);
    this.categorySet[slot] = set;
    this.setCategories[set] ??= p.categorySet.split(" ").filter(Boolean);
    for (const c of this.setCategories[set]!) this.bitsOf(this.categoryBits, c).set(slot);
    this.created[slot] = p.createdAt;
    if (p.ownerId !== null) {
      const o = this.owners.code(p.ownerId);
      this.owner[slot] = o;
      this.listed(this.ownerBits, o).set(slot);
    }
    this.rating[slot] = p.ratingX100 ?? NONE;
    if (p.ratingX100 !== null) {
      for (const [i, min] of RATING_THRESHOLDS.entries()) if (p.ratingX100 >= min * 100) this.ratingBits[i]!.set(slot);
    }
    for (const [currency, amount] of Object.entries(p.prices) as [Currency, number][]) {
      this.price.get(currency)![slot] = amount;
      this.currencyBits.get(currency)!.set(slot);
    }
    for (const [name, value] of p.options) {
      const code = this.optionKeys.code(`${name}\u0000${value}`);
      const values = this.optionValues.get(name) ?? new Map<string, number>();
      this.optionValues.set(name, values);
      values.set(value, code);
      this.listed(this.optionBits, code).set(slot);
    }
    if (!this.bulk) this.order(slot);
  }

  /** Forgets a product (no listing rows any more). */
  remove(id: string): void {
    const slot = this.slotById.get(id);
    if (slot === undefined) return;
    this.keptCounts.clear();
    this.unindex(slot);
    this.slotById.delete(id);
    this.free.push(slot);
  }

  /**
   * Whether any of these full-text rows is a listed product of `status` (null: any status), in any
   * currency: what a search's exact query must find before its words are corrected (search.ts).
   */
  anyListed(docIds: ArrayLike<number>, status: ProductStatus | null): boolean {
    const bits = status === null ? null : this.statusBits[PRODUCT_STATUSES.indexOf(status)]!;
    for (let i = 0; i < docIds.length; i++) {
      const doc = docIds[i]!;
      const slot = this.slotByDoc.get(doc);
      if (slot !== NONE && this.docIds[slot] === doc && (bits === null || bits.has(slot))) return true;
    }
    return false;
  }

  /** One listing: its page (up to `limit + 1` rows, for the next cursor) and its counts. */
  query(q: IndexQuery): IndexAnswer {
    // Every set is `capacity` slots wide (grow() widens them all together).
    const width = this.capacity;
    this.scratch.reset(width);
    const base = this.scratch.copyOf(this.currencyBits.get(q.currency)!);
    if (q.status !== null) base.and(this.statusBits[PRODUCT_STATUSES.indexOf(q.status)]!);
    if (q.ownerId !== null) {
      const o = this.owners.find(q.ownerId);
      base.and(o === undefined ? new Bitset(0) : this.ownerBits[o]!);
    }
    if (q.hits) {
      const hits = this.scratch.empty();
      if (this.scoreOf.length < width) this.scoreOf = new Float64Array(width);
      const { docIds, scores } = q.hits;
      for (let i = 0; i < docIds.length; i++) {
        const doc = docIds[i]!;
        const slot = this.slotByDoc.get(doc);
        if (slot !== NONE && this.docIds[slot] === doc) {
          hits.set(slot);
          // Read by the relevance page below, for this query only (query() is synchronous).
          this.scoreOf[slot] = scores[i]!;
        }
      }
      base.and(hits);
    }

    // Each active filter as a set; a facet is counted over every filter but its own.
    const filters = new Map<string, Bitset>();
    if (q.minPrice !== undefined || q.maxPrice !== undefined) {
      filters.set("price", this.priceRange(q.currency, q.minPrice, q.maxPrice));
    }
    if (q.brands) filters.set("brand", this.union(q.brands.map((b) => this.brandSet(b))));
    for (const [name, values] of q.options) {
      const codes = this.optionValues.get(name);
      filters.set(`option:${name}`, this.union(values.map((v) => this.optionSet(codes?.get(v)))));
    }
    if (q.inStock) filters.set("inStock", this.inStockBits);
    if (q.minRating !== undefined) filters.set("rating", this.ratingBits[q.minRating - 1]!);
    if (q.categoryIds) filters.set("category", this.union(q.categoryIds.map((c) => this.categoryBits.get(c))));

    const all = this.scratch.copyOf(base);
    for (const set of filters.values()) all.and(set);
    const without = (facet: string): Bitset => {
      if (!filters.has(facet)) return all;
      const set = this.scratch.copyOf(base);
      for (const [name, s] of filters) if (name !== facet) set.and(s);
      return set;
    };

    let counts = q.countsKey === undefined ? undefined : this.keptCounts.get(q.countsKey);
    if (!counts) {
      counts = this.count(all, without, q);
      if (q.countsKey !== undefined) {
        if (this.keptCounts.size >= MAX_KEPT_COUNTS) this.keptCounts.delete(this.keptCounts.keys().next().value!);
        this.keptCounts.set(q.countsKey, counts);
      }
    }
    return { rows: this.page(all, counts.total, q), counts };
  }

  private count(all: Bitset, without: (facet: string) => Bitset, q: IndexQuery): RawCounts {
    const total = all.count();
    const brandTally = new Int32Array(this.brands.values.length + 1);
    const bucketTally = new Array<number>(PRICE_BUCKETS.length).fill(0);
    const setTally = new Int32Array(this.categorySets.values.length);
    let inStock = 0;
    const prices = this.price.get(q.currency)!;
    const brandOf = this.brand;
    const setOf = this.categorySet;
    const stockWords = this.inStockBits.words;
    /** Tallies the facets flagged in `which` over `set`, in one pass over its slots. */
    const tally = (set: Bitset, which: number) => {
      const words = set.words;
      for (let i = 0; i < words.length; i++) {
        let w = words[i]!;
        if (w === 0) continue;
        if (which & STOCK) inStock += popcount(w & stockWords[i]!);
        if (!(which & ~STOCK)) continue;
        while (w !== 0) {
          const low = w & -w;
          const s = (i << 5) + 31 - Math.clz32(low);
          w ^= low;
          if (which & BRAND) brandTally[brandOf[s]! + 1]!++;
          if (which & PRICE) bucketTally[bucketIndex(prices[s]!)]!++;
          if (which & CATEGORY) setTally[setOf[s]!]!++;
        }
      }
    };
    // One pass over the fully filtered set for every facet whose own filter is not set, then one
    // over each other facet's own set (every filter but its own).
    let shared = 0;
    for (const [facet, flag] of FACET_FLAGS) {
      const set = without(facet);
      if (set === all) shared |= flag;
      else tally(set, flag);
    }
    if (shared) tally(all, shared);

    const brands = new Map<string | null, number>();
    if (brandTally[0]) brands.set(null, brandTally[0]);
    for (let b = 0; b < this.brands.values.length; b++)
      if (brandTally[b + 1]) brands.set(this.brands.values[b]!, brandTally[b + 1]!);

    const options: RawCounts["options"] = [];
    for (const [name, values] of this.optionValues) {
      const set = without(`option:${name}`);
      for (const [value, code] of values) {
        const count = set.countAnd(this.optionBits[code]!);
        if (count) options.push({ name, value, count });
      }
    }
    const categorySets: RawCounts["categorySets"] = [];
    for (let c = 0; c < setTally.length; c++) {
      if (setTally[c]) categorySets.push({ set: this.categorySets.values[c]!, count: setTally[c]! });
    }
    const ratingSet = without("rating");
    const ratings = RATING_FACET_MINS.map((min) => ({ min, count: ratingSet.countAnd(this.ratingBits[min - 1]!) }));
    return { total, brands, buckets: bucketTally, inStock, options, categorySets, ratings };
  }

  /** The page: the listing's order walked from the cursor, or, for few matches, the matches sorted. */
  private page(all: Bitset, total: number, q: IndexQuery): { id: string; k: number }[] {
    const want = q.limit + 1;
    if (total === 0) return [];
    const row = (s: number, k: number) => ({ id: this.ids[s]!, k });
    if (q.sort === "relevance" && q.hits) {
      const scoreOf = this.scoreOf;
      return this.topOf(
        (visit) =>
          all.forEach((s) => {
            visit(s, scoreOf[s]!);
          }),
        "ASC",
        q.after,
        want,
      ).map((r) => row(r.s, r.k));
    }
    const { order, dir, key } = this.orderFor(q);
    // Walking an order visits about limit × (products in it ÷ matches) slots; sorting the matches
    // costs about matches × log(matches): take the cheaper.
    const walk = (want * order.length) / total;
    if (walk > total * Math.log2(total + 2)) {
      return this.topOf(
        (visit) =>
          all.forEach((s) => {
            visit(s, key(s));
          }),
        dir,
        q.after,
        want,
      ).map((r) => row(r.s, r.k));
    }
    const out: { id: string; k: number }[] = [];
    if (dir === "ASC") {
      for (let i = q.after ? order.seek(q.after.key, q.after.id) : 0; i < order.length && out.length < want; i++) {
        const s = order.at(i);
        if (all.has(s)) out.push(row(s, key(s)));
      }
    } else {
      for (
        let i = (q.after ? order.seek(q.after.key, q.after.id, true) : order.length) - 1;
        i >= 0 && out.length < want;
        i--
      ) {
        const s = order.at(i);
        if (all.has(s)) out.push(row(s, key(s)));
      }
    }
    return out;
  }

  private orderFor(q: IndexQuery): { order: SortedSlots; dir: "ASC" | "DESC"; key: (s: number) => number } {
    const prices = this.price.get(q.currency)!;
    switch (q.sort) {
      case "price_asc":
        return { order: this.byPrice.get(q.currency)!, dir: "ASC", key: (s) => prices[s]! };
      case "price_desc":
        return { order: this.byPrice.get(q.currency)!, dir: "DESC", key: (s) => prices[s]! };
      case "rating":
        return { order: this.byRating, dir: "DESC", key: (s) => ratingKey(this.rating[s]!) };
      default:
        // "relevance" without a search is newest first, as in SQL.
        return { order: this.newest, dir: "DESC", key: (s) => this.created[s]! };
    }
  }

  /** The first `want` of the rows `each` visits (slot, key), in (key, id) order `dir`, after `after`. */
  private topOf(
    each: (visit: (s: number, k: number) => void) => void,
    dir: "ASC" | "DESC",
    after: { key: number; id: string } | null,
    want: number,
  ): { s: number; k: number }[] {
    const sign = dir === "ASC" ? 1 : -1;
    const cmp = (k: number, id: string, k2: number, id2: string) =>
      sign * (k !== k2 ? (k < k2 ? -1 : 1) : id < id2 ? -1 : id > id2 ? 1 : 0);
    // The best `want` kept in order as the rows stream by: most rows lose to the worst kept one in
    // a single comparison, so a page of 25 out of 7,000 hits costs one pass, not a sort of them all.
    const best: { s: number; k: number }[] = [];
    each((s, k) => {
      const id = this.ids[s]!;
      if (after && cmp(k, id, after.key, after.id) <= 0) return;
      if (best.length === want) {
        const worst = best[want - 1]!;
        if (cmp(k, id, worst.k, this.ids[worst.s]!) >= 0) return;
      }
      let lo = 0;
      let hi = best.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const m = best[mid]!;
        if (cmp(m.k, this.ids[m.s]!, k, id) < 0) lo = mid + 1;
        else hi = mid;
      }
      best.splice(lo, 0, { s, k });
      if (best.length > want) best.pop();
    });
    return best;
  }

  private priceRange(currency: Currency, min: number | undefined, max: number | undefined): Bitset {
    const order = this.byPrice.get(currency)!;
    const prices = this.price.get(currency)!;
    const set = this.scratch.empty();
    const from = min === undefined ? 0 : order.seek(min, "", true);
    for (let i = from; i < order.length; i++) {
      const s = order.at(i);
      if (max !== undefined && prices[s]! > max) break;
      set.set(s);
    }
    return set;
  }

  private union(sets: (Bitset | undefined)[]): Bitset {
    const out = this.scratch.empty();
    for (const s of sets) if (s) out.or(s);
    return out;
  }

  private brandSet(brand: string): Bitset | undefined {
    const b = this.brands.find(brand);
    return b === undefined ? undefined : this.brandBits[b];
  }

  private optionSet(code: number | undefined): Bitset | undefined {
    return code === undefined ? undefined : this.optionBits[code];
  }

  private bitsOf(map: Map<string, Bitset>, key: string): Bitset {
    const set = map.get(key) ?? new Bitset(this.capacity);
    map.set(key, set);
    return set;
  }

  /** The set of code `code` in `list`, made on first use. */
  private listed(list: Bitset[], code: number): Bitset {
    const set = list[code] ?? new Bitset(this.capacity);
    list[code] = set;
    return set;
  }

  /** Takes a slot out of every set and order, keeping its id (for a replace or a removal). */
  private unindex(slot: number): void {
    if (!this.bulk) {
      this.newest.remove(slot, this.created[slot]!);
      this.byRating.remove(slot, ratingKey(this.rating[slot]!));
      for (const c of CURRENCIES) {
        if (this.currencyBits.get(c)!.has(slot)) this.byPrice.get(c)!.remove(slot, this.price.get(c)![slot]!);
      }
    }
    const doc = this.docIds[slot]!;
    if (this.slotByDoc.get(doc) === slot) this.slotByDoc.set(doc, NONE);
    for (const set of this.statusBits) set.clear(slot);
    for (const set of this.currencyBits.values()) set.clear(slot);
    const b = this.brand[slot]!;
    if (b !== NONE) this.brandBits[b]!.clear(slot);
    this.inStockBits.clear(slot);
    const set = this.categorySet[slot]!;
    if (set !== NONE) for (const c of this.setCategories[set]!) this.categoryBits.get(c)?.clear(slot);
    const o = this.owner[slot]!;
    if (o !== NONE) this.ownerBits[o]!.clear(slot);
    for (const bits of this.ratingBits) bits.clear(slot);
    for (const bits of this.optionBits) bits?.clear(slot);
    this.brand[slot] = NONE;
    this.categorySet[slot] = NONE;
    this.owner[slot] = NONE;
    this.rating[slot] = NONE;
  }

  private order(slot: number): void {
    this.newest.insert(slot);
    this.byRating.insert(slot);
    for (const c of CURRENCIES) if (this.currencyBits.get(c)!.has(slot)) this.byPrice.get(c)!.insert(slot);
  }

  private sortAll(): void {
    const slots = [...this.slotById.values()];
    this.newest.rebuild([...slots]);
    this.byRating.rebuild([...slots]);
    for (const c of CURRENCIES) {
      const bits = this.currencyBits.get(c)!;
      this.byPrice.get(c)!.rebuild(slots.filter((s) => bits.has(s)));
    }
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const widen = <T extends Int8Array | Int32Array | Float64Array>(a: T, fill: number): T => {
      const out = new (a.constructor as new (n: number) => T)(capacity);
      out.fill(fill);
      out.set(a);
      return out;
    };
    this.docIds = widen(this.docIds, 0);
    this.brand = widen(this.brand, NONE);
    this.categorySet = widen(this.categorySet, NONE);
    this.created = widen(this.created, 0);
    this.rating = widen(this.rating, NONE);
    this.owner = widen(this.owner, NONE);
    for (const c of CURRENCIES) this.price.set(c, widen(this.price.get(c)!, 0));
    for (const set of [
      ...this.statusBits,
      ...this.currencyBits.values(),
      ...this.brandBits,
      this.inStockBits,
      ...this.categoryBits.values(),
      ...this.ownerBits,
      ...this.optionBits,
      ...this.ratingBits,
    ]) {
      set?.grow(capacity);
    }
    this.capacity = capacity;
  }
}

/**
 * Product slots by full-text row (products.doc_id: the catalog numbers rows 1, 2, 3...): a typed
 * array indexed by row instead of a Map, as a search for a common word looks up thousands of hits
 * per listing. A row number past DENSE_ROWS (an operator's SQL could write any) goes to a Map.
 */
class SlotsByDoc {
  private slots = new Int32Array(1024).fill(NONE);
  private readonly sparse = new Map<number, number>();

  /** The slot of row `doc`, or NONE. */
  get(doc: number): number {
    if (doc >= 0 && doc < this.slots.length) return this.slots[doc]!;
    return this.sparse.get(doc) ?? NONE;
  }

  set(doc: number, slot: number): void {
    if (!Number.isInteger(doc) || doc < 0 || doc >= DENSE_ROWS) {
      if (slot === NONE) this.sparse.delete(doc);
      else this.sparse.set(doc, slot);
      return;
    }
    if (doc >= this.slots.length) {
      const wider = new Int32Array(Math.min(DENSE_ROWS, Math.max(doc + 1, this.slots.length * 2))).fill(NONE);
      wider.set(this.slots);
      this.slots = wider;
    }
    this.slots[doc] = slot;
  }
}

/** Row numbers below this are kept in the array (64 MiB at most). */
const DENSE_ROWS = 1 << 24;
