import { Resend } from "resend";
import type { Transport } from "./transport.ts";

/** Sends through Resend; the message id is the Idempotency-Key, so a retried send is delivered once. */
export function resendTransport(apiKey: string): Transport {
  const resend = new Resend(apiKey);
  return {
    name: "resend",
    async send(email) {
      try {
        const { data, error } = await resend.emails.send(
          { from: email.from, to: email.to, subject: email.subject, html: email.html, text: email.text },
          { idempotencyKey: email.id },
        );
        if (error) {
          // The SDK copies statusCode from Resend's error body; treat a missing one as "no answer".
          const statusCode = typeof error.statusCode === "number" ? error.statusCode : null;
          return { ok: false, statusCode, error: `${error.name}: ${error.message}` };
        }
        return { ok: true, providerId: data.id };
      } catch (err) {
        return { ok: false, statusCode: null, error: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}
