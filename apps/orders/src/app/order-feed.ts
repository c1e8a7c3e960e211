import type { OrderChange, OrderFeedItem } from "../contract.ts";
import type { OrdersDeps } from "../deps.ts";
import { sellerFeedItem, sellerScope } from "./seller-orders.ts";

/** New orders and status changes of every order, as they commit anywhere: the admin's live feed. */
export async function* orderFeed(deps: OrdersDeps, signal: AbortSignal | undefined): AsyncGenerator<OrderFeedItem> {
  // A seller hears of its own orders only, with its lines' total (#20).
  const seller = sellerScope();
  const queue: OrderChange[] = [];
  let wake: (() => void) | undefined;
  const poke = () => wake?.();
  const unlisten = deps.live.listenAll((change) => {
    if (change.status === change.previousStatus) return;
    queue.push(change);
    poke();
  });
  signal?.addEventListener("abort", poke);
  try {
    for (;;) {
      while (queue.length > 0) {
        const change = queue.shift();
        if (!change) continue;
        const item: OrderFeedItem = { ...change, kind: change.previousStatus === null ? "placed" : "status" };
        const shown = seller ? await sellerFeedItem(deps, item, seller) : item;
        if (shown) yield shown;
      }
      if (signal?.aborted) return;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      if (signal?.aborted) return;
    }
  } finally {
    unlisten();
    signal?.removeEventListener("abort", poke);
  }
}
