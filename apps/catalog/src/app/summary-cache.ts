import { freezeDeep } from "@mercato/kit/wire-json";
import { CURRENCIES, type Currency } from "../contract.ts";
import { loadSummaries, type ProductSummary, type ReadDb } from "../db/queries.ts";

/** Cards kept (a card is a few hundred bytes to a few KB); the least recently used go first. */
const MAX_CARDS = 20_000;

/**
 * The listing cards of products (loadSummaries' answers) kept in memory per currency (#25): a
 * listing page reads its 24 cards from here, not in six queries. Kept exact by the change log the
 * listing index follows: every write to what a card shows (the product, its variants, prices,
 * categories, listing rows, review summary) logs the product (migrations 0014, 0015), and the
 * index's refresh drops those products' cards before the listing that follows it reads them.
 *
 * A card read from the database while a refresh dropped cards may predate a write that refresh
 * saw: it is returned but not kept (the generation check), so a kept card is never older than
 * the log position the index is at.
 *
 * Kept cards are frozen all the way down: nothing may change one in place (a price list's price
 * makes a new card, effective-prices.ts), and the wire serializer writes a frozen card's JSON form
 * once and reuses it for every later page that shows it (kit/src/wire-json.ts).
 */
export class SummaryCache {
  private readonly cards = new Map<string, ProductSummary>();
  private generation = 0;

  constructor(private readonly max = MAX_CARDS) {}

  /** The cards of `ids` in `currency`, in the order of `ids` (products that do not exist left out). */
  async load(db: ReadDb, ids: string[], currency: Currency): Promise<ProductSummary[]> {
    const found = new Map<string, ProductSummary>();
    const missing: string[] = [];
    for (const id of ids) {
      const key = `${currency}:${id}`;
      const card = this.cards.get(key);
      if (card) {
        // Most recently used last.
        this.cards.delete(key);
        this.cards.set(key, card);
        found.set(id, card);
      } else missing.push(id);
    }
    if (missing.length) {
      const generation = this.generation;
      const read = await loadSummaries(db, missing, currency);
      const keep = generation === this.generation;
      for (const card of read) {
        found.set(card.id, card);
        if (keep) this.cards.set(`${currency}:${card.id}`, freezeDeep(card));
      }
      while (this.cards.size > this.max) this.cards.delete(this.cards.keys().next().value!);
    }
    return ids.flatMap((id) => {
      const card = found.get(id);
      return card ? [card] : [];
    });
  }

  /** These products changed: their cards, in every currency, are read again. */
  drop(productIds: Iterable<string>): void {
    this.generation++;
    for (const id of productIds) for (const currency of CURRENCIES) this.cards.delete(`${currency}:${id}`);
  }

  /** Everything may have changed (a full reload of the index). */
  clear(): void {
    this.generation++;
    this.cards.clear();
  }
}
