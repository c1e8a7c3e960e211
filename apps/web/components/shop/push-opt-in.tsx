"use client";
import { useMercatoClient } from "@mercato/client/react";
import { NOTIFICATION_KINDS } from "@mercato/identity/contract";
import { pushSubscriptionSchema } from "@mercato/notifications/contract";
import type { OrderView } from "@mercato/orders/contract";
import { useEffect, useState } from "react";
import { useSession } from "@/lib/session.tsx";
import { errorMessage } from "@/lib/shop/errors.ts";

/**
 * The kinds an order's news comes under (notifications sends a push only for kinds the shopper
 * chose it for): every kind but the account's own messages and marketing.
 */
const ORDER_KINDS = NOTIFICATION_KINDS.filter((kind) => kind !== "account" && kind !== "marketing");

type State = "checking" | "idle" | "asking" | "subscribed" | "blocked" | "unsupported" | "unavailable" | "failed";

/** The VAPID key as pushManager.subscribe wants it (base64url → bytes). */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  const raw = atob(b64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

function pushSupported(): boolean {
  return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

/** Resolves the active service worker's registration, or null when none becomes active in time. */
async function registration(ms = 10_000): Promise<ServiceWorkerRegistration | null> {
  return Promise.race([navigator.serviceWorker.ready, new Promise<null>((r) => setTimeout(() => r(null), ms))]);
}

const MESSAGES: Partial<Record<State, string>> = {
  subscribed:
    "This device will get a notification when your orders change. You can turn it off in your account settings.",
  blocked: "Notifications are blocked for this shop in your browser's settings. You still get our emails.",
  unsupported: "This browser cannot show notifications from the shop. You still get our emails.",
  unavailable:
    "This browser could not reach its push service, so updates cannot be sent to this device right now. You still get our emails.",
};

/**
 * "Get updates on this order on this device": asks for notification permission only when the
 * shopper clicks, on an order that still has news to come (placed, not cancelled, not all
 * delivered) — never on a first visit. Subscribes through the service worker's push manager with
 * notifications' VAPID key, stores the subscription with `notifications.push.subscribe` (a
 * signed-in shopper's: guests are not offered it) and adds push to the shopper's channels for order,
 * shipping and returns updates (identity's preferences, which notifications follows; email stays as it
 * was). The worker (sw/sw.ts) shows the pushes.
 */
export function PushOptIn({ order }: { order: OrderView }) {
  const { user } = useSession();
  const client = useMercatoClient();
  const [state, setState] = useState<State>("checking");
  const [error, setError] = useState<string | null>(null);
  const newsToCome = order.status !== "CANCELLED" && order.fulfilmentStatus !== "DELIVERED";

  useEffect(() => {
    if (!user || !newsToCome) return;
    if (!pushSupported()) return setState("unsupported");
    if (Notification.permission === "denied") return setState("blocked");
    let cancelled = false;
    void (async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      const existing = await reg?.pushManager.getSubscription().catch(() => null);
      if (!cancelled) setState(existing && Notification.permission === "granted" ? "subscribed" : "idle");
    })().catch(() => !cancelled && setState("idle"));
    return () => {
      cancelled = true;
    };
  }, [user, newsToCome]);

  if (!user || !newsToCome || state === "checking") return null;

  const optIn = async () => {
    setState("asking");
    setError(null);
    try {
      const permission = await Notification.requestPermission();
      if (permission !== "granted") return setState(permission === "denied" ? "blocked" : "idle");
      const reg = await registration();
      if (!reg) return setState("unavailable");
      const { publicKey } = await client.notifications.push.vapidPublicKey.query();
      let subscription: PushSubscription;
      try {
        // A push service that never answers is as good as none: give up after 20 s.
        subscription = await Promise.race([
          reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error("push service timeout")), 20_000)),
        ]);
      } catch {
        // No push service reachable (offline, or a browser without one): nothing to store.
        return setState("unavailable");
      }
      const parsed = pushSubscriptionSchema.safeParse(subscription.toJSON());
      if (!parsed.success) return setState("unavailable");
      await client.notifications.push.subscribe.mutate(parsed.data);
      const prefs = await client.identity.account.preferences.get.query();
      const channels = { ...prefs.channels };
      for (const kind of ORDER_KINDS) channels[kind] = [...new Set([...(channels[kind] ?? []), "push" as const])];
      await client.identity.account.preferences.save.mutate({
        marketingConsent: prefs.marketingConsent,
        regionId: prefs.regionId,
        language: prefs.language,
        channels,
      });
      setState("subscribed");
    } catch (err) {
      setError(errorMessage(err));
      setState("failed");
    }
  };

  const message = MESSAGES[state];
  return (
    <section
      aria-labelledby="push-opt-in-heading"
      data-testid="push-opt-in"
      data-state={state}
      className="rounded-xl border border-neutral-200 px-4 py-3"
    >
      <h2 id="push-opt-in-heading" className="text-sm font-semibold">
        Order updates on this device
      </h2>
      <div aria-live="polite" className="mt-1 text-sm text-neutral-600">
        {message ? <p>{message}</p> : null}
        {state === "failed" && error ? <p className="text-red-700">{error}</p> : null}
      </div>
      {state === "idle" || state === "asking" || state === "failed" || state === "unavailable" ? (
        <button
          type="button"
          onClick={() => void optIn()}
          disabled={state === "asking"}
          className="mt-2 rounded-lg border border-neutral-300 px-3 py-1.5 text-sm font-medium hover:bg-neutral-50 disabled:opacity-60"
        >
          {state === "asking" ? "Asking your browser…" : "Get updates on this order on this device"}
        </button>
      ) : null}
    </section>
  );
}
