import type { AuthUser } from "@mercato/kit";
import { tracked } from "@trpc/server";
import type { OnStatusInput, StatusUpdate } from "../contract.ts";
import { readOrderEvents } from "../db/event-store.ts";
import type { OrdersDeps } from "../deps.ts";
import { evolve, fold, type OrderState } from "../domain/order.ts";
import { ownOrder } from "./access.ts";

/** A slow re-read in case a live wake-up was lost (they are best effort). */
const SAFETY_POLL_MS = 5_000;

function update(state: OrderState): StatusUpdate {
  return {
    orderId: state.placed.orderId,
    number: state.placed.number,
    status: state.status,
    paymentStatus: state.paymentStatus,
    fulfilmentStatus: state.fulfilmentStatus,
    version: state.version,
    at: state.updatedAt,
  };
}

/** What a follower is told about: any of the three statuses, and the payment being asked (it can be paid now). */
function key(state: OrderState): string {
  return `${state.status}/${state.paymentStatus}/${state.fulfilmentStatus}/${state.payment ? "asked" : "-"}`;
}

/**
 * An order's status: first the current one, then every transition in order. The event store is
 * the source (live changes only say "look again"), so no transition is skipped or repeated
 * whichever instance made it; each update is tracked by version, so a reconnecting client resumes
 * after the last one it saw (`lastEventId`; "0" replays the whole history from PENDING).
 */
async function* statusStream(
  deps: OrdersDeps,
  orderId: string,
  lastVersion: number | null,
  signal: AbortSignal | undefined,
) {
  let dirty = false;
  let wake: (() => void) | undefined;
  const poke = () => {
    dirty = true;
    wake?.();
  };
  const unlisten = deps.live.listen(orderId, poke);
  const timer = setInterval(poke, SAFETY_POLL_MS);
  signal?.addEventListener("abort", poke);
  try {
    let state: OrderState | null = null;
    if (lastVersion === null) {
      state = fold(await readOrderEvents(deps.db.orm, orderId));
      if (!state) return;
      yield tracked(String(state.version), update(state));
    } else if (lastVersion > 0) {
      state = fold(
        await readOrderEvents(deps.db.orm, orderId).then((all) => all.filter((e) => e.version <= lastVersion)),
      );
    }
    for (;;) {
      for (const event of await readOrderEvents(deps.db.orm, orderId, state?.version ?? 0)) {
        const previous = state && key(state);
        state = evolve(state, event);
        if (key(state) !== previous) yield tracked(String(state.version), update(state));
      }
      if (signal?.aborted) return;
      if (!dirty) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      dirty = false;
      if (signal?.aborted) return;
    }
  } finally {
    unlisten();
    clearInterval(timer);
    signal?.removeEventListener("abort", poke);
  }
}

/** `orders.onStatus`: the stream of an order its caller may see (see `ownOrder`). */
export async function* followOrder(
  deps: OrdersDeps,
  user: AuthUser | null,
  input: OnStatusInput,
  signal: AbortSignal | undefined,
) {
  await ownOrder(deps, user, input.orderId, input.accessToken);
  const from = input.lastEventId ? Number(input.lastEventId) : null;
  yield* statusStream(deps, input.orderId, from, signal);
}
