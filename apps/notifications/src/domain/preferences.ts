/**
 * Who gets which email: each template has a notification kind, and a user's preferences say, per
 * kind, on which channels they want it. Pure: the app room loads the preferences and applies this.
 */
import type { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS } from "@mercato/events";
import type { MessageKind } from "../contract.ts";

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export type ChannelChoices = Partial<Record<NotificationKind, NotificationChannel[]>>;

/** What notifications keeps of a user's preferences (the latest by `updatedAt`). */
export interface ContactPreferences {
  marketingConsent: boolean;
  channels: ChannelChoices;
}

/**
 * The kind of each template, for the preferences; `null` for staff alerts (low stock), which go to
 * the shop's own people and no shopper preference governs.
 */
export const TEMPLATE_KINDS: Record<MessageKind, NotificationKind | null> = {
  welcome: "account",
  "verify-email": "account",
  "password-reset": "account",
  "order-confirmation": "order_updates",
  "order-cancelled": "order_updates",
  "order-refunded": "order_updates",
  "payment-failed": "order_updates",
  "lines-cancelled": "order_updates",
  "order-shipped": "shipping_updates",
  "order-delivered": "shipping_updates",
  "shipment-shipped": "shipping_updates",
  "shipment-delivered": "shipping_updates",
  "exchange-shipped": "shipping_updates",
  "return-requested": "returns",
  "return-approved": "returns",
  "return-rejected": "returns",
  "return-refunded": "returns",
  "low-stock": null,
  "staff-invitation": "account",
  // The shopper asked support and is told an answer waits (#22): like an account email, always sent.
  "support-reply": "account",
  // Asked for by the shopper, like a reset link: always sent.
  "order-access-link": "account",
  // To staff, like the low-stock alert (#24).
  "webhook-disabled": null,
  // Asked for by no one in particular: a shop's nudge, so the shopper's marketing consent decides (#27).
  "wishlist-alert": "marketing",
  // The recipient may have no account and chose nothing: the card is theirs, so it is always sent.
  "gift-card": "account",
};

/** A kind the user did not choose for: email, except marketing, which needs consent and a choice. */
const DEFAULT_CHANNELS: readonly NotificationChannel[] = ["email"];

export interface ChannelDecision {
  /** Channels to send on (the template must also be one the channel carries: domain/channels.ts). */
  send: NotificationChannel[];
  /** Why nothing is sent, when nothing is. */
  reason?: string;
}

/**
 * The channels one message of `kind` goes on, for a user with `prefs` (null: a guest, or a user
 * who never set any — the defaults). Account messages (verification, password reset, welcome)
 * always go by email, whatever was chosen: they are how the user keeps control of the account;
 * SMS as well when chosen for account (a password reset by text). Marketing goes only with
 * consent (never to guests). A kind left out of `channels` means email.
 */
export function decideChannels(kind: NotificationKind | null, prefs: ContactPreferences | null): ChannelDecision {
  if (kind === null) return { send: ["email"] };
  if (kind === "account") {
    return { send: prefs?.channels.account?.includes("sms") ? ["email", "sms"] : ["email"] };
  }
  if (kind === "marketing" && !prefs?.marketingConsent) {
    return { send: [], reason: "no marketing consent" };
  }
  const send = [...new Set(prefs?.channels[kind] ?? DEFAULT_CHANNELS)];
  return send.length > 0 ? { send } : { send, reason: `the user turned every channel off for ${kind}` };
}
