import type { ServiceDefinition } from "@mercato/kit";
import { handleInboundSms } from "../app/sms-opt-out.ts";
import type * as schema from "../db/schema.ts";
import type { NotificationsDeps } from "../deps.ts";
import { isE164 } from "../domain/channels.ts";
import { validTwilioSignature } from "../domain/twilio-signature.ts";
import type { NotificationsEnv } from "../env.ts";

/** The kit's Hono app, named through the kit so this package needs no direct Hono dependency. */
type App = Parameters<NonNullable<ServiceDefinition<typeof schema, NotificationsEnv, NotificationsDeps>["routes"]>>[0];

/** Where Twilio posts the SMS people send to the shop's number (its "A message comes in" webhook). */
export const TWILIO_INBOUND_PATH = "/webhooks/twilio/sms";

/** Inbound webhooks are small form posts; anything bigger is not Twilio. */
const MAX_BODY_BYTES = 64 * 1024;

/** Twilio reads TwiML back: an empty Response sends no reply (Twilio's own opt-out replies stay). */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/**
 * Twilio's inbound SMS webhook. The form body is checked against `X-Twilio-Signature` (HMAC-SHA1
 * of the URL Twilio called — TWILIO_WEBHOOK_URL behind a proxy — and the sorted parameters, keyed
 * with TWILIO_AUTH_TOKEN) before anything in it is used: a missing or wrong signature is 403. Then
 * STOP/UNSUBSCRIBE/CANCEL/END/QUIT record an opt-out for `From`, START removes it.
 */
export function twilioWebhookRoute(app: App, deps: NotificationsDeps): void {
  app.post(TWILIO_INBOUND_PATH, async (c) => {
    const token = deps.env.TWILIO_AUTH_TOKEN;
    if (!token) return c.json({ error: { message: "Twilio is not configured (TWILIO_AUTH_TOKEN)" } }, 404);
    const raw = await c.req.text();
    if (raw.length > MAX_BODY_BYTES) return c.json({ error: { message: "body: too large" } }, 413);
    const params: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(raw)) params[k] = v;
    const url = deps.env.TWILIO_WEBHOOK_URL ?? c.req.url;
    if (!validTwilioSignature(token, url, params, c.req.header("x-twilio-signature"))) {
      deps.log.warn("twilio webhook refused: bad signature");
      return c.json({ error: { message: "x-twilio-signature: the signature does not verify" } }, 403);
    }
    const from = params.From ?? "";
    if (!isE164(from)) return c.json({ error: { message: "From: not an E.164 phone number" }, field: "From" }, 400);
    const outcome = await handleInboundSms(deps, from, params.Body ?? "");
    c.header("x-mercato-outcome", outcome);
    return c.body(EMPTY_TWIML, 200, { "content-type": "text/xml; charset=utf-8" });
  });
}
