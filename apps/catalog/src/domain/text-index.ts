import { type SearchQuery, words } from "./search-text.ts";

/**
 * The catalog's full-text index in memory (#25): the same documents as the FTS5 table
 * products_fts (title, description, brand, SKUs, rowid = products.doc_id), tokenised by the same
 * rules (`words`, FTS5's unicode61 with diacritics removed), answering the same queries (words as
 * prefixes or exact, OR within a word's alternatives, AND across words) with the same bm25 score
 * FTS5's `bm25()` computes, term for term, in the same floating-point order. FTS5 stays the source
 * of truth (and the edge's search); this answers a search for a common word in a few milliseconds
 * where FTS5 scores every hit through its auxiliary-function API (~35 ms for 7,000 hits).
 *
 * Layout: a base segment of sorted terms, each with a posting list (document number, weighted
 * frequency) in typed arrays, built once by a full load; documents written since live in a small
 * overlay (their base postings are masked) until the overlay is merged into a new base.
 */
/** A search's hits: full-text rows (docIds[i]) with their bm25 scores (scores[i], lower is better), in no order. */
export interface SearchHits {
  readonly docIds: readonly number[];
  readonly scores: readonly number[];
}

export interface TextDocument {
  /** products_fts rowid (products.doc_id). */
  docId: number;
  /** The product whose row it is (null for a row no product names; never updated). */
  productId: string | null;
  /** The FTS5 columns' texts, in table order. */
  columns: readonly string[];
}

/** bm25's constants, as FTS5's fts5_aux.c has them. */
const K1 = 1.2;
const B = 0.75;
/** Documents written since the base was built, past which the overlay is merged into a new base. */
const MAX_OVERLAY = 4096;

export interface TextIndexOptions {
  /** Writes kept in the overlay before it is merged into a new base (tests make it small). */
  maxOverlay?: number;
}

/** A growable list of (document, frequency) pairs, for building a base. */
class PostingBuilder {
  data = new Uint32Array(8);
  length = 0;
  push(doc: number, freq: number): void {
    if (this.length + 2 > this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = doc;
    this.data[this.length++] = freq;
  }
}

export class TextIndex {
  /** Per column, its bm25 weight (the listing's: title 10, description 1, brand 4, SKUs 6). */
  private readonly weights: readonly number[];

  // Documents, by internal number (dense, in load order).
  private docIdOf = new Int32Array(1024);
  private lengthOf = new Uint32Array(1024);
  /** A hash of each document's text: a re-read whose text did not change (a stock or price write) changes nothing. */
  private hashOf = new Float64Array(1024);
  /** 1 while the document's base postings are its current text. */
  private inBase = new Uint8Array(1024);
  private count = 0;
  private productOf: (string | null)[] = [];
  private readonly internalOf = new Map<number, number>();
  private readonly docOfProduct = new Map<string, number>();
  /** Documents written or removed since the base was built (their base postings are masked). */
  private changed = 0;
  /** Live rows and their tokens, FTS5's xRowCount and xColumnTotalSize(-1). */
  private rows = 0;
  private tokens = 0;

  // The base segment: terms in code-unit order (so a prefix's terms are one range).
  private terms: string[] = [];
  private start = new Uint32Array(1);
  private postDoc = new Uint32Array(0);
  private postFreq = new Uint32Array(0);

  /** Documents written since the base: internal number → term → weighted frequency. */
  private readonly overlay = new Map<number, Map<string, number>>();
  /** Postings of a full load under way. */
  private building: Map<string, PostingBuilder> | null = null;

  // Scratch space of one search, by internal number (kept zeroed between searches).
  private acc = new Uint32Array(1024);
  private mark = new Uint16Array(1024);

  private readonly maxOverlay: number;

  constructor(weights: readonly number[], options: TextIndexOptions = {}) {
    this.maxOverlay = options.maxOverlay ?? MAX_OVERLAY;
    // Frequencies are kept as integers (Σ weight × occurrences), exact as FTS5's doubles.
    if (!weights.every(Number.isInteger)) throw new Error("text index weights must be integers");
    this.weights = weights;
  }

  /** Adds documents of a full load (before any search); `endBulk` builds the base. */
  addBulk(docs: readonly TextDocument[]): void {
    this.building ??= new Map();
    for (const doc of docs) {
      const { terms, length } = this.analyse(doc);
      const d = this.newDocument(doc, length);
      for (const [term, freq] of terms) {
        let list = this.building.get(term);
        if (!list) {
          list = new PostingBuilder();
          this.building.set(term, list);
        }
        list.push(d, freq);
      }
      this.inBase[d] = 1;
    }
  }

  endBulk(): void {
    const building = this.building ?? new Map<string, PostingBuilder>();
    this.building = null;
    const terms = [...building.keys()].sort(byCodeUnit);
    let total = 0;
    for (const t of terms) total += building.get(t)!.length / 2;
    this.terms = terms;
    this.start = new Uint32Array(terms.length + 1);
    this.postDoc = new Uint32Array(total);
    this.postFreq = new Uint32Array(total);
    let at = 0;
    terms.forEach((t, i) => {
      this.start[i] = at;
      const { data, length } = building.get(t)!;
      // Documents were numbered in load order, so each list is already in document order.
      for (let j = 0; j < length; j += 2) {
        this.postDoc[at] = data[j]!;
        this.postFreq[at++] = data[j + 1]!;
      }
      building.delete(t);
    });
    this.start[terms.length] = at;
  }

  /** The current text of a document (new or changed). */
  upsert(doc: TextDocument): void {
    const known = this.internalOf.get(doc.docId);
    const hash = textHash(doc.columns);
    if (known !== undefined && this.hashOf[known] === hash && this.productOf[known] === doc.productId) return;
    const previous = doc.productId === null ? undefined : this.docOfProduct.get(doc.productId);
    // A product whose row moved to another rowid leaves its old row.
    if (previous !== undefined && previous !== doc.docId) this.removeDocument(previous);
    const { terms, length } = this.analyse(doc);
    let d: number;
    if (known === undefined) {
      d = this.newDocument(doc, length);
    } else {
      d = known;
      this.tokens += length - this.lengthOf[d]!;
      this.lengthOf[d] = length;
      this.claim(d, doc);
    }
    this.hashOf[d] = hash;
    this.inBase[d] = 0;
    this.overlay.set(d, terms);
    if (++this.changed > this.maxOverlay) this.merge();
  }

  /** A product gone (its row removed from the full-text table). */
  removeProduct(productId: string): void {
    const docId = this.docOfProduct.get(productId);
    if (docId !== undefined) this.removeDocument(docId);
    if (this.changed > this.maxOverlay) this.merge();
  }

  /**
   * Every row matching the query, with FTS5's bm25 (lower is better), or null when the query
   * asks what this index does not answer (a multi-word phrase: a synonym "tee shirt") and FTS5 must.
   */
  search(query: SearchQuery): SearchHits | null {
    const docIds: number[] = [];
    const scores: number[] = [];
    if (query.length === 0 || query.some((g) => g.length === 0)) return { docIds, scores };
    for (const group of query) {
      for (const term of group) {
        const tokens = words(term.word);
        if (tokens.length !== 1 || tokens[0] !== term.word) return null;
      }
    }
    this.ensureScratch();
    const phrases = query.flatMap((group, g) => group.map((term) => ({ g, ...this.postings(term.word, term.prefix) })));

    // Rows matching every group: a row's mark counts the groups matched so far, in order.
    const groups = query.length;
    for (let g = 0; g < groups; g++) {
      for (const p of phrases) {
        if (p.g !== g) continue;
        for (const d of p.docs) if (this.mark[d] === g) this.mark[d] = g + 1;
      }
    }

    const nRow = this.rows;
    const avgdl = this.tokens / nRow;
    // IDF per phrase, as FTS5: log((N - n + 0.5) / (n + 0.5)), clamped to 1e-6 when not positive.
    const idf = phrases.map((p) => {
      const value = Math.log((nRow - p.docs.length + 0.5) / (p.docs.length + 0.5));
      return value <= 0.0 ? 1e-6 : value;
    });
    phrases.forEach((p, own) => {
      if (p.g !== 0) return;
      for (let j = 0; j < p.docs.length; j++) {
        const d = p.docs[j]!;
        if (this.mark[d] !== groups) continue;
        this.mark[d] = groups + 1; // scored once
        const D = this.lengthOf[d]!;
        let score = 0.0;
        for (let i = 0; i < phrases.length; i++) {
          // The phrase walked is at j already; the others are looked up.
          const f = i === own ? p.freqs[j]! : frequencyOf(phrases[i]!, d);
          if (f === 0) continue; // FTS5 adds idf × 0 / x = 0 for a phrase absent from the row
          score += idf[i]! * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + (B * D) / avgdl)));
        }
        docIds.push(this.docIdOf[d]!);
        scores.push(-1.0 * score);
      }
    });
    for (const p of phrases) for (const d of p.docs) this.mark[d] = 0;
    return { docIds, scores };
  }

  /** Live rows (FTS5's row count). */
  get size(): number {
    return this.rows;
  }

  /** The rows containing a term (or a term beginning with it), in document order, with frequencies. */
  private postings(word: string, prefix: boolean): { docs: Uint32Array; freqs: Uint32Array } {
    let from = lowerBound(this.terms, word);
    let to = from;
    if (prefix) while (to < this.terms.length && this.terms[to]!.startsWith(word)) to++;
    else if (this.terms[from] === word) to = from + 1;
    const masked = this.changed > 0;
    // One base term and nothing written since: its list as it is.
    if (to - from === 1 && !masked) {
      const a = this.start[from]!;
      const z = this.start[from + 1]!;
      return { docs: this.postDoc.subarray(a, z), freqs: this.postFreq.subarray(a, z) };
    }
    const touched: number[] = [];
    const add = (d: number, f: number) => {
      if (this.acc[d] === 0) touched.push(d);
      this.acc[d]! += f;
    };
    for (; from < to; from++) {
      for (let i = this.start[from]!, z = this.start[from + 1]!; i < z; i++) {
        const d = this.postDoc[i]!;
        if (this.inBase[d] === 1) add(d, this.postFreq[i]!);
      }
    }
    for (const [d, terms] of this.overlay) {
      for (const [term, f] of terms) if (prefix ? term.startsWith(word) : term === word) add(d, f);
    }
    const docs = Uint32Array.from(touched).sort();
    const freqs = new Uint32Array(docs.length);
    for (let i = 0; i < docs.length; i++) {
      freqs[i] = this.acc[docs[i]!]!;
      this.acc[docs[i]!] = 0;
    }
    return { docs, freqs };
  }

  /**
   * A document's terms with their weighted frequencies (Σ column weight × occurrences), and its
   * tokens over all columns (FTS5's xColumnSize(-1)).
   */
  private analyse(doc: TextDocument): { terms: Map<string, number>; length: number } {
    const terms = new Map<string, number>();
    let length = 0;
    doc.columns.forEach((text, c) => {
      const w = this.weights[c] ?? 1;
      const tokens = words(text);
      length += tokens.length;
      for (const t of tokens) terms.set(t, (terms.get(t) ?? 0) + w);
    });
    return { terms, length };
  }

  private newDocument(doc: TextDocument, length: number): number {
    const d = this.count++;
    if (d >= this.docIdOf.length) {
      this.docIdOf = grow(this.docIdOf, Int32Array);
      this.lengthOf = grow(this.lengthOf, Uint32Array);
      this.inBase = grow(this.inBase, Uint8Array);
      this.hashOf = grow(this.hashOf, Float64Array);
    }
    this.docIdOf[d] = doc.docId;
    this.lengthOf[d] = length;
    this.hashOf[d] = textHash(doc.columns);
    this.internalOf.set(doc.docId, d);
    this.productOf[d] = null;
    this.claim(d, doc);
    this.rows++;
    this.tokens += length;
    return d;
  }

  /** Records which product a document is the row of. */
  private claim(d: number, doc: TextDocument): void {
    if (doc.productId === null || this.productOf[d] === doc.productId) return;
    this.productOf[d] = doc.productId;
    this.docOfProduct.set(doc.productId, doc.docId);
  }

  private removeDocument(docId: number): void {
    const d = this.internalOf.get(docId);
    if (d === undefined) return;
    this.internalOf.delete(docId);
    const product = this.productOf[d];
    if (product != null && this.docOfProduct.get(product) === docId) this.docOfProduct.delete(product);
    this.productOf[d] = null;
    this.changed++;
    this.inBase[d] = 0;
    this.overlay.delete(d);
    this.docIdOf[d] = -1;
    this.rows--;
    this.tokens -= this.lengthOf[d]!;
    this.lengthOf[d] = 0;
  }

  /** Folds the overlay into a new base: every term's live base postings and its overlay postings, in document order. */
  private merge(): void {
    const added = new Map<string, number[]>();
    for (const d of [...this.overlay.keys()].sort((a, b) => a - b)) {
      for (const [term, f] of this.overlay.get(d)!) {
        let list = added.get(term);
        if (!list) {
          list = [];
          added.set(term, list);
        }
        list.push(d, f);
      }
    }
    const terms = [...new Set([...this.terms, ...added.keys()])].sort(byCodeUnit);
    const oldIndex = new Map(this.terms.map((t, i) => [t, i]));
    const start = new Uint32Array(terms.length + 1);
    let capacity = this.postDoc.length;
    for (const list of added.values()) capacity += list.length / 2;
    const postDoc = new Uint32Array(capacity);
    const postFreq = new Uint32Array(capacity);
    let at = 0;
    terms.forEach((t, i) => {
      start[i] = at;
      const old = oldIndex.get(t);
      const extra = added.get(t) ?? [];
      let a = old === undefined ? 0 : this.start[old]!;
      const z = old === undefined ? 0 : this.start[old + 1]!;
      let e = 0;
      // Both lists are in document order, and a document is in at most one of them.
      while (a < z || e < extra.length) {
        while (a < z && this.inBase[this.postDoc[a]!] !== 1) a++;
        const baseDoc = a < z ? this.postDoc[a]! : Number.POSITIVE_INFINITY;
        const extraDoc = e < extra.length ? extra[e]! : Number.POSITIVE_INFINITY;
        if (baseDoc === Number.POSITIVE_INFINITY && extraDoc === Number.POSITIVE_INFINITY) break;
        if (baseDoc < extraDoc) {
          postDoc[at] = baseDoc;
          postFreq[at++] = this.postFreq[a++]!;
        } else {
          postDoc[at] = extraDoc;
          postFreq[at++] = extra[e + 1]!;
          e += 2;
        }
      }
    });
    start[terms.length] = at;
    for (const d of this.overlay.keys()) this.inBase[d] = 1;
    this.overlay.clear();
    this.changed = 0;
    // Terms no live document holds any more are dropped.
    const kept: string[] = [];
    const keptStart: number[] = [];
    terms.forEach((t, i) => {
      if (start[i + 1]! > start[i]!) {
        kept.push(t);
        keptStart.push(start[i]!);
      }
    });
    keptStart.push(at);
    this.terms = kept;
    this.start = Uint32Array.from(keptStart);
    this.postDoc = postDoc.slice(0, at);
    this.postFreq = postFreq.slice(0, at);
  }

  private ensureScratch(): void {
    if (this.acc.length < this.count) {
      this.acc = new Uint32Array(this.docIdOf.length);
      this.mark = new Uint16Array(this.docIdOf.length);
    }
  }
}

/** A phrase's frequency in a row (0 when absent): binary search of its document-ordered list. */
function frequencyOf(p: { docs: Uint32Array; freqs: Uint32Array }, d: number): number {
  let lo = 0;
  let hi = p.docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = p.docs[mid]!;
    if (v === d) return p.freqs[mid]!;
    if (v < d) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** The first index whose term is not before `word` (code-unit order). */
function lowerBound(terms: readonly string[], word: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (terms[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * 53 bits of two 32-bit string hashes (FNV-1a and djb2) over the columns with a separator: equal
 * for equal texts; two different texts colliding is about one in 2^53.
 */
function textHash(columns: readonly string[]): number {
  let fnv = 0x811c9dc5;
  let djb = 5381;
  for (const text of columns) {
    for (let i = 0; i <= text.length; i++) {
      const c = i === text.length ? 0x1f : text.charCodeAt(i);
      fnv = Math.imul(fnv ^ c, 0x01000193) >>> 0;
      djb = (Math.imul(djb, 33) + c) >>> 0;
    }
  }
  return (djb & 0x1fffff) * 2 ** 32 + fnv;
}

function grow<T extends Int32Array | Uint32Array | Uint8Array | Float64Array>(
  array: T,
  Kind: { new (length: number): T },
): T {
  const grown = new Kind(array.length * 2);
  grown.set(array);
  return grown;
}
