import { invalid, unavailable } from "@mercato/kit/errors";
import { and, eq } from "drizzle-orm";
import type { PushSubscribeResult, PushSubscriptionInput, PushUnsubscribeInput, VapidPublicKey } from "../contract.ts";
import { pushSubscriptions } from "../db/schema.ts";
import type { NotificationsDeps } from "../deps.ts";

type Deps = Pick<NotificationsDeps, "db" | "env" | "channels">;

export function vapidPublicKey(deps: Deps): VapidPublicKey {
  if (!deps.channels.push) throw unavailable("push", "web push is off in this shop");
  return { publicKey: deps.channels.push.publicKey };
}

/**
 * Stores (or takes over) a browser's subscription for the signed-in user: an endpoint is one
 * browser profile, so subscribing again — after a key rotation or as another account on the same
 * browser — replaces its keys and owner rather than adding a row.
 */
export async function subscribePush(
  deps: Deps,
  userId: string,
  input: PushSubscriptionInput,
): Promise<PushSubscribeResult> {
  if (!deps.channels.push) throw unavailable("push", "web push is off in this shop");
  if (deps.env.NODE_ENV === "production" && new URL(input.endpoint).protocol !== "https:") {
    throw invalid("endpoint", "an https push service URL");
  }
  const id = Bun.randomUUIDv7();
  const [row] = await deps.db.write((tx) =>
    tx
      .insert(pushSubscriptions)
      .values({
        id,
        endpoint: input.endpoint,
        p256dh: input.keys.p256dh,
        auth: input.keys.auth,
        userId,
        orderId: null,
        createdAt: new Date(),
      })
      .onConflictDoUpdate({
        target: pushSubscriptions.endpoint,
        set: { p256dh: input.keys.p256dh, auth: input.keys.auth, userId, orderId: null },
      })
      .returning({ id: pushSubscriptions.id }),
  );
  return { id: row?.id ?? id };
}

/** Removes a subscription: the endpoint and its auth secret, which only the subscribed browser holds. */
export async function unsubscribePush(deps: Deps, input: PushUnsubscribeInput): Promise<{ removed: boolean }> {
  const removed = await deps.db.write((tx) =>
    tx
      .delete(pushSubscriptions)
      .where(and(eq(pushSubscriptions.endpoint, input.endpoint), eq(pushSubscriptions.auth, input.auth)))
      .returning({ id: pushSubscriptions.id }),
  );
  return { removed: removed.length > 0 };
}
