import type { Worker } from "@mercato/kit";
import { sweepGuestCarts } from "../app/sweep-guest-carts.ts";
import type { CartDeps } from "../deps.ts";

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
