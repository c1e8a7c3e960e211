/**
 * SMS and web push (#22): which messages go on them, what they say, and the rules of the SMS
 * opt-out words. Pure: the app room loads preferences, numbers and subscriptions and applies this.
 */
import type { MessageKind } from "../contract.ts";

/** The templates that also go by SMS when the user chose SMS for their kind. */
export const SMS_TEMPLATES: ReadonlySet<MessageKind> = new Set<MessageKind>([
  "order-shipped",
  "order-delivered",
  "shipment-shipped",
  "shipment-delivered",
  "exchange-shipped",
  "password-reset",
]);

/** The order status changes (paid, shipped, delivered, cancelled) that go by push when chosen. */
export const PUSH_TEMPLATES: ReadonlySet<MessageKind> = new Set<MessageKind>([
  "order-confirmation",
  "order-shipped",
  "shipment-shipped",
  "exchange-shipped",
  "order-delivered",
  "shipment-delivered",
  "order-cancelled",
]);

/** The push notification's body line under its title (the email's subject). */
const PUSH_BODIES: Partial<Record<MessageKind, string>> = {
  "order-confirmation": "Payment received: we are preparing your order.",
  "order-shipped": "Your parcel is on its way.",
  "shipment-shipped": "Your parcel is on its way.",
  "exchange-shipped": "Your exchange is on its way.",
  "order-delivered": "Your parcel was delivered.",
  "shipment-delivered": "Your parcel was delivered.",
  "order-cancelled": "Your order was cancelled.",
};

export function pushBody(template: MessageKind): string {
  return PUSH_BODIES[template] ?? "Tap to see the details.";
}

/** One SMS segment of GSM-7 text; longer texts cost several. */
export const SMS_MAX_LENGTH = 320;

/**
 * The SMS text: the shop's name, the email's subject and the page to open. A text over
 * SMS_MAX_LENGTH is cut at the subject, never at the link.
 */
export function smsBody(shopName: string, subject: string, link: string | null): string {
  const tail = link ? ` ${link}` : "";
  const room = Math.max(0, SMS_MAX_LENGTH - tail.length - shopName.length - 2);
  const head = subject.length > room ? `${subject.slice(0, Math.max(0, room - 1))}…` : subject;
  return `${shopName}: ${head}${tail}`;
}

/** E.164: + and 7 to 15 digits, the first not 0 (what identity stores after libphonenumber-js). */
export function isE164(phone: string): boolean {
  return /^\+[1-9][0-9]{6,14}$/.test(phone);
}

/** A push service's "this subscription is gone": remove it, never retry. */
export function subscriptionGone(statusCode: number | null): boolean {
  return statusCode === 404 || statusCode === 410;
}

/** Twilio's standard opt-out words, and the ones that opt back in. */
export const SMS_OPT_OUT_WORDS = ["STOP", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"] as const;
export const SMS_OPT_IN_WORDS = ["START"] as const;

/**
 * What an inbound SMS asks: the whole message, trimmed and case-folded, is one keyword (as
 * carriers and Twilio treat it: "stop" and " Stop " opt out, "please stop" does not).
 */
export function smsKeyword(body: string): { action: "opt_out" | "opt_in"; word: string } | null {
  const word = body
    .trim()
    .replace(/[.!]+$/, "")
    .toUpperCase();
  if ((SMS_OPT_OUT_WORDS as readonly string[]).includes(word)) return { action: "opt_out", word };
  if ((SMS_OPT_IN_WORDS as readonly string[]).includes(word)) return { action: "opt_in", word };
  return null;
}
