/**
 * One webhook attempt over HTTP (#24): the SSRF check at send time (every address the host
 * resolves to, now, not only when the endpoint was saved), a POST with the Standard Webhooks
 * headers, no redirects followed, a limit on the whole attempt, and at most a few KB of the
 * answer read for the log.
 */
import { lookup } from "node:dns/promises";
import { WEBHOOK_RESPONSE_EXCERPT_MAX } from "../contract-webhooks.ts";
import { ipLiteralOf, refusedAddressReason } from "../domain/webhook-addresses.ts";
import { responseExcerpt } from "../domain/webhook-delivery.ts";

export interface WebhookRequest {
  url: string;
  body: string;
  headers: { "webhook-id": string; "webhook-timestamp": string; "webhook-signature": string };
}

export interface WebhookAttemptResult {
  statusCode: number | null;
  error: string | null;
  responseExcerpt: string | null;
  durationMs: number;
}

/** Why the URL's host may not be sent to (an address it resolves to is not public), or null. */
export async function refusedHostReason(url: string): Promise<string | null> {
  const { hostname } = new URL(url);
  const literal = ipLiteralOf(hostname);
  let addresses: string[];
  if (literal) addresses = [literal];
  else {
    try {
      addresses = (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      return `${hostname} does not resolve`;
    }
  }
  if (addresses.length === 0) return `${hostname} does not resolve`;
  for (const a of addresses) {
    const reason = refusedAddressReason(a);
    if (reason) return `${hostname} resolves to a non-public address (${reason})`;
  }
  return null;
}

/** Reads at most `max` bytes of a body, then lets the rest go. */
async function readSome(res: Response, max: number): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < max) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => {});
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, max));
}

export interface WebhookTransportOptions {
  timeoutMs: number;
  allowPrivateAddresses: boolean;
  userAgent: string;
}

export function webhookTransport(o: WebhookTransportOptions) {
  return async function send(req: WebhookRequest): Promise<WebhookAttemptResult> {
    const started = performance.now();
    const took = () => Math.round(performance.now() - started);
    const signal = AbortSignal.timeout(o.timeoutMs);
    try {
      if (!o.allowPrivateAddresses) {
        const refused = await refusedHostReason(req.url);
        if (refused)
          return { statusCode: null, error: `refused: ${refused}`, responseExcerpt: null, durationMs: took() };
      }
      const res = await fetch(req.url, {
        method: "POST",
        body: req.body,
        redirect: "manual",
        signal,
        headers: { "content-type": "application/json", "user-agent": o.userAgent, ...req.headers },
      });
      // Four times the excerpt in bytes covers it in any UTF-8.
      const text = await readSome(res, WEBHOOK_RESPONSE_EXCERPT_MAX * 4);
      const redirect = res.status >= 300 && res.status < 400;
      return {
        statusCode: res.status,
        error:
          res.status >= 200 && res.status < 300
            ? null
            : redirect
              ? `redirect to ${res.headers.get("location") ?? "(no location)"} not followed`
              : `HTTP ${res.status}`,
        responseExcerpt: responseExcerpt(text),
        durationMs: took(),
      };
    } catch (err) {
      const timedOut = signal.aborted;
      return {
        statusCode: null,
        error: timedOut ? `timed out after ${o.timeoutMs} ms` : `network: ${(err as Error).message}`.slice(0, 300),
        responseExcerpt: null,
        durationMs: took(),
      };
    }
  };
}

export type WebhookSend = ReturnType<typeof webhookTransport>;
