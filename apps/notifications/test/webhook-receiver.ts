import { Webhook } from "standardwebhooks";
import { type WebhookBody, webhookBodySchema } from "../src/contract.ts";

/**
 * A real local webhook receiver for tests (#24): Bun.serve on 127.0.0.1 that answers as a script
 * says (then 200) and checks every request's signature with `standardwebhooks`' `Webhook.verify`,
 * the Standard Webhooks reference algorithm, against every secret it was given. Shared by the
 * service's own webhook tests and the end-to-end test over the whole platform.
 */
export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  /** Whether Webhook.verify accepted it with a secret the receiver holds now. */
  verified: boolean;
  verifiedWith: string[];
}

/** What the receiver answers to the next request: a status, a hang (until stopped) or a redirect. */
export type ReceiverAnswer = number | "hang" | { redirect: string };

export function startReceiver() {
  const received: ReceivedWebhook[] = [];
  const script: ReceiverAnswer[] = [];
  const secrets: string[] = [];
  const hung: (() => void)[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(req) {
      const body = await req.text();
      const headers = {
        "webhook-id": req.headers.get("webhook-id") ?? "",
        "webhook-timestamp": req.headers.get("webhook-timestamp") ?? "",
        "webhook-signature": req.headers.get("webhook-signature") ?? "",
      };
      const verifiedWith = secrets.filter((s) => {
        try {
          new Webhook(s).verify(body, headers);
          return true;
        } catch {
          return false;
        }
      });
      received.push({
        id: headers["webhook-id"],
        timestamp: headers["webhook-timestamp"],
        signature: headers["webhook-signature"],
        body,
        verified: verifiedWith.length > 0,
        verifiedWith,
      });
      const next = script.shift() ?? 200;
      if (next === "hang") {
        await new Promise<void>((resolve) => hung.push(resolve));
        return new Response("too late");
      }
      if (typeof next === "object") return new Response(null, { status: 302, headers: { location: next.redirect } });
      return new Response(next === 200 ? "ok" : `boom ${"x".repeat(3000)}`, { status: next });
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}/hooks`,
    received,
    script,
    secrets,
    /** One entry per `webhook-id` (a retry repeats its id: receivers deduplicate on it), in arrival order. */
    uniqueBodies(): { id: string; body: WebhookBody }[] {
      const seen = new Map<string, WebhookBody>();
      for (const r of received) if (!seen.has(r.id)) seen.set(r.id, webhookBodySchema.parse(JSON.parse(r.body)));
      return [...seen].map(([id, body]) => ({ id, body }));
    },
    stop() {
      for (const r of hung) r();
      server.stop(true);
    },
  };
}

export type Receiver = ReturnType<typeof startReceiver>;
