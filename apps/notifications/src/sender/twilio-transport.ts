import type { Logger } from "@mercato/kit";
import type { SendResult, SmsTransport } from "./transport.ts";

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** An E.164 number or a Messaging Service SID (MG…). */
  from: string;
  apiUrl: string;
}

/** What Twilio answers: a Message resource (`sid`, `status`), or an error (`code`, `message`, `more_info`). */
interface TwilioReply {
  sid?: unknown;
  status?: unknown;
  code?: unknown;
  message?: unknown;
}

/**
 * Sends through Twilio's Messages API (`POST /2010-04-01/Accounts/{AccountSid}/Messages.json`,
 * form-encoded To/From/Body, basic auth SID:token). A 201 with the message `sid` is sent; a 4xx
 * carries Twilio's `code` and `message` (21211 invalid number, 21610 the number replied STOP…),
 * which the sender records; a 5xx, 429 or no answer is retried.
 */
export function twilioTransport(config: TwilioConfig): SmsTransport {
  const url = `${config.apiUrl.replace(/\/$/, "")}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64")}`;
  const sender = config.from.startsWith("MG") ? "MessagingServiceSid" : "From";
  return {
    name: "twilio",
    async send(sms): Promise<SendResult> {
      let res: Response;
      try {
        res = await fetch(url, {
          method: "POST",
          headers: { authorization, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body: new URLSearchParams({ To: sms.to, [sender]: config.from, Body: sms.body }),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (err) {
        return { ok: false, statusCode: null, error: `twilio: ${err instanceof Error ? err.message : String(err)}` };
      }
      const reply = (await res.json().catch(() => ({}))) as TwilioReply;
      if (res.ok && typeof reply.sid === "string") return { ok: true, providerId: reply.sid };
      const code = typeof reply.code === "number" ? ` ${reply.code}` : "";
      const message = typeof reply.message === "string" ? reply.message : res.statusText || "no message";
      return { ok: false, statusCode: res.ok ? null : res.status, error: `twilio${code}: ${message}` };
    },
  };
}

/** Development: the SMS stays in the mailbox (the row is the record) and the log says it was "sent". */
export function logSmsTransport(log: Logger): SmsTransport {
  return {
    name: "log",
    async send(sms) {
      // Never the body: it may hold a one-time link.
      log.info({ messageId: sms.id }, "sms kept in the dev mailbox (SMS_TRANSPORT=log)");
      return { ok: true, providerId: `log:${sms.id}` };
    },
  };
}
