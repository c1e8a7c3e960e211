import webPush from "web-push";
import type { PushTransport, SendResult } from "./transport.ts";

export interface VapidConfig {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/** A VAPID key pair made now, for development (a restart makes a new one: subscriptions must be renewed). */
export function generateVapidKeys(): { publicKey: string; privateKey: string } {
  return webPush.generateVAPIDKeys();
}

/** How long a push service keeps an undelivered message (a phone that is off), in seconds. */
const TTL_SECONDS = 24 * 3600;

/**
 * Web push with VAPID: `web-push` signs the VAPID JWT and encrypts the payload (aes128gcm, RFC
 * 8291); the request goes out with fetch. 201/202 is sent; 404/410 means the subscription is gone
 * (the sender removes it); 429/5xx or no answer is retried; any other 4xx fails.
 */
export function webPushTransport(config: VapidConfig): PushTransport {
  const vapidDetails = { subject: config.subject, publicKey: config.publicKey, privateKey: config.privateKey };
  return {
    name: "web-push",
    publicKey: config.publicKey,
    async send(push): Promise<SendResult> {
      let details: ReturnType<typeof webPush.generateRequestDetails>;
      try {
        details = webPush.generateRequestDetails(push.subscription, push.payload, {
          vapidDetails,
          TTL: TTL_SECONDS,
          contentEncoding: "aes128gcm",
          urgency: "normal",
        });
      } catch (err) {
        // A subscription whose keys do not make a key agreement: no retry will fix it.
        return { ok: false, statusCode: 400, error: `web-push: ${err instanceof Error ? err.message : String(err)}` };
      }
      let res: Response;
      try {
        res = await fetch(details.endpoint, {
          method: details.method,
          headers: details.headers as Record<string, string>,
          body: details.body ? new Uint8Array(details.body) : null,
          signal: AbortSignal.timeout(15_000),
        });
      } catch (err) {
        return {
          ok: false,
          statusCode: null,
          error: `push service: ${err instanceof Error ? err.message : String(err)}`,
        };
      }
      if (res.ok) return { ok: true, providerId: res.headers.get("location") ?? `push:${push.id}` };
      const text = (await res.text().catch(() => "")).slice(0, 200);
      return { ok: false, statusCode: res.status, error: `push service ${res.status}${text ? `: ${text}` : ""}` };
    },
  };
}
