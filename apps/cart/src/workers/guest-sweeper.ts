import type { Worker } from "@mercato/kit";
import { and, inArray, isNull, lt } from "drizzle-orm";
import { cartItems, carts } from "../db/schema.ts";
import type { CartDeps } from "../deps.ts";

const BATCH = 500;

/** Deletes guest carts untouched since before `cutoff`, in batches; resolves with how many. */
export async function sweepGuestCarts(deps: Pick<CartDeps, "db" | "changes">, cutoff: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const swept = await deps.db.write(async (tx) => {
      const stale = await tx
        .select({ id: carts.id })
        .from(carts)
        .where(and(isNull(carts.userId), lt(carts.updatedAt, cutoff)))
        .limit(BATCH);
      const ids = stale.map((c) => c.id);
      if (ids.length === 0) return ids;
      await tx.delete(cartItems).where(inArray(cartItems.cartId, ids));
      await tx.delete(carts).where(inArray(carts.id, ids));
      return ids;
    });
    for (const id of swept) deps.changes.changed({ id, userId: null });
    total += swept.length;
    if (swept.length < BATCH) return total;
  }
}

/** Runs the sweep every CART_SWEEP_INTERVAL_MS; user carts are never swept. */
export function guestSweeper(deps: CartDeps): Worker {
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    const cutoff = new Date(Date.now() - deps.env.CART_GUEST_TTL_DAYS * 86_400_000);
    running = sweepGuestCarts(deps, cutoff).then(
      (n) => n > 0 && deps.log.info({ swept: n }, "deleted abandoned guest carts"),
      (err: unknown) => deps.log.warn({ err: String(err) }, "guest cart sweep failed; will retry"),
    );
  };
  return {
    name: "guest-cart-sweeper",
    start() {
      sweep();
      timer = setInterval(sweep, deps.env.CART_SWEEP_INTERVAL_MS);
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
