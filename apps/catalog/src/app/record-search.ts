import { createEvent, enqueue, SearchPerformed } from "@mercato/events";
import type { ListInput } from "../contract.ts";
import type { CatalogDeps } from "../deps.ts";

/**
 * Announces a storefront search for analytics (#23), for a sample of them
 * (`SEARCH_EVENT_SAMPLE_RATE`): the text, the number found and the filters — never who searched.
 * A search that found nothing is always announced (with `sampleRate` 1, so analytics' estimates
 * stay right) while the rate is above 0 (#25): those are the searches the merchant must see.
 * Best effort: a failure is logged and the shopper's answer is not held up or changed.
 */
export function recordSearch(deps: CatalogDeps, input: ListInput, results: number, random = Math.random): void {
  const rate = deps.env.SEARCH_EVENT_SAMPLE_RATE;
  const query = input.q?.trim();
  // The first page only: walking the next pages is the same search.
  if (!query || input.cursor || rate <= 0) return;
  const sampleRate = results === 0 ? 1 : rate;
  if (sampleRate < 1 && random() >= sampleRate) return;
  const event = createEvent(SearchPerformed, {
    query,
    results,
    filters: {
      category: input.category ?? null,
      brands: input.brands ?? [],
      minPrice: input.minPrice ?? null,
      maxPrice: input.maxPrice ?? null,
      inStock: input.inStock ?? null,
      currency: input.currency ?? null,
      options: Object.keys(input.options ?? {}),
    },
    sampleRate,
  });
  deps.db
    .write((tx) => enqueue(tx, event))
    .then(() => deps.relay.kick())
    .catch((err) => deps.log.warn({ err: String(err) }, "search not announced"));
}
