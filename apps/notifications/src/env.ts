import { baseEnvSchema, ownPortSchema, serviceUrlsSchema } from "@mercato/kit";
import { z } from "zod";
import { alertsEnvShape, supportEnvShape } from "./env-alerts.ts";
import { webhooksEnvShape } from "./env-webhooks.ts";

const commaList = z
  .string()
  .default("")
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );

export const notificationsEnvSchema = baseEnvSchema
  .extend({
    PORT: ownPortSchema("notifications"),
    SHOP_NAME: z.string().min(1).default("Mercato"),
    EMAIL_FROM: z.string().min(3).default("Mercato <shop@mercato.dev>"),
    STOREFRONT_URL: z.string().url().default("http://localhost:3000"),
    /** With a key, email goes out through Resend; without, it lands in the dev mailbox. */
    RESEND_API_KEY: z.string().min(1).optional(),
    /** Where email goes; by default Resend with a key, the dev mailbox without (not in production). */
    EMAIL_TRANSPORT: z.enum(["resend", "mailbox"]).optional(),
    /** The second half of choosing the mailbox in production: no email reaches anyone. */
    ALLOW_MAILBOX_EMAIL: z.stringbool().default(false),
    /**
     * Opens the mailbox procedures to anyone (the storefront's /dev/mailbox): development and tests
     * only. Without it the mailbox is for admins.
     */
    MAILBOX_API: z.stringbool().default(false),
    EMAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
    EMAIL_RETRY_BASE_MS: z.coerce.number().int().min(1).default(1000),
    /** How often the sender looks for due messages when nothing woke it. */
    EMAIL_POLL_MS: z.coerce.number().int().min(10).default(1000),
    /** First delay before looking up an unreachable recipient again; doubles up to 10 min. */
    RECIPIENT_RETRY_BASE_MS: z.coerce.number().int().min(10).default(5000),
    /** How long an event may wait for its recipients before it is skipped with a logged reason. */
    RECIPIENT_MAX_WAIT_MS: z.coerce
      .number()
      .int()
      .min(1000)
      .default(24 * 3600_000),
    /**
     * A declined retry mails the shopper at most once per order in this many seconds (a shopper
     * trying three cards gets one "payment failed", not three); 0 mails every decline. The final
     * outcome (order paid, or cancelled) is always mailed.
     */
    PAYMENT_FAILED_EMAIL_WINDOW_SECONDS: z.coerce.number().int().min(0).default(900),
    // ── SMS (#22): Twilio's Messages API ─────────────────────────────────────────────────────
    TWILIO_ACCOUNT_SID: z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, "a Twilio Account SID (AC + 32 hex)")
      .optional(),
    TWILIO_AUTH_TOKEN: z.string().min(16).optional(),
    /** The shop's Twilio number (E.164) or a Messaging Service SID (MG…). */
    TWILIO_FROM: z.string().min(3).max(34).optional(),
    /** Twilio's API base; tests and a regional edge may point elsewhere. */
    TWILIO_API_URL: z.string().url().default("https://api.twilio.com"),
    /**
     * The public URL Twilio posts inbound SMS to (what it signs, `X-Twilio-Signature`); without
     * it the URL the request arrived on is used, which behind the gateway is not what Twilio saw.
     */
    TWILIO_WEBHOOK_URL: z.string().url().optional(),
    /**
     * twilio: through Twilio (the default with the three TWILIO_ variables); log: SMS stays in the
     * mailbox and the log (the default without them, refused in production); off: no SMS is planned.
     */
    SMS_TRANSPORT: z.enum(["twilio", "log", "off"]).optional(),
    // ── Web push (#22): VAPID ────────────────────────────────────────────────────────────────
    /** The VAPID key pair (base64url, as `web-push generate-vapid-keys` prints); dev generates one at start. */
    VAPID_PUBLIC_KEY: z.string().min(80).max(100).optional(),
    VAPID_PRIVATE_KEY: z.string().min(40).max(50).optional(),
    /** Who push services contact about this sender: mailto: or https:. */
    VAPID_SUBJECT: z
      .string()
      .regex(/^(mailto:|https:\/\/)/, "a mailto: or https: contact")
      .default("mailto:shop@mercato.dev"),
    /** false: no push is planned and the subscribe API answers that push is off. */
    WEB_PUSH: z.stringbool().default(true),
    ...serviceUrlsSchema("identity", "orders", "payments"),
    /** Extra low-stock alert recipients, and the fallback while identity cannot be asked. */
    ADMIN_ALERT_EMAILS: commaList,
    ...alertsEnvShape,
    ...supportEnvShape,
    // Outbound webhooks (#24).
    ...webhooksEnvShape,
    SEED_DEMO: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
  })
  .superRefine((env, ctx) => {
    const transport = env.EMAIL_TRANSPORT ?? (env.RESEND_API_KEY ? "resend" : "mailbox");
    const production = env.NODE_ENV === "production";
    if (transport === "resend" && !env.RESEND_API_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["RESEND_API_KEY"],
        message: "a Resend API key (re_…), which EMAIL_TRANSPORT=resend needs",
      });
    } else if (transport === "mailbox" && production && env.EMAIL_TRANSPORT === "mailbox") {
      if (!env.ALLOW_MAILBOX_EMAIL) {
        ctx.addIssue({
          code: "custom",
          path: ["ALLOW_MAILBOX_EMAIL"],
          message: "true to keep email in the mailbox in production (EMAIL_TRANSPORT=mailbox): no email reaches anyone",
        });
      }
    } else if (transport === "mailbox" && production) {
      ctx.addIssue({
        code: "custom",
        path: ["RESEND_API_KEY"],
        message:
          "a Resend API key (re_…) in production, or keep email in the mailbox explicitly with EMAIL_TRANSPORT=mailbox and ALLOW_MAILBOX_EMAIL=true",
      });
    }
    const twilioSet = Boolean(env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM);
    const sms = smsTransportOf(env);
    if (sms === "twilio" && !twilioSet) {
      for (const key of ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM"] as const) {
        if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "needed to send SMS through Twilio" });
      }
    } else if (sms === "log" && production) {
      ctx.addIssue({
        code: "custom",
        path: ["TWILIO_ACCOUNT_SID"],
        message:
          "TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM in production, or SMS_TRANSPORT=off (the log sender reaches nobody)",
      });
    }
    if (env.WEB_PUSH && Boolean(env.VAPID_PUBLIC_KEY) !== Boolean(env.VAPID_PRIVATE_KEY)) {
      ctx.addIssue({
        code: "custom",
        path: [env.VAPID_PUBLIC_KEY ? "VAPID_PRIVATE_KEY" : "VAPID_PUBLIC_KEY"],
        message: "both halves of the VAPID key pair",
      });
    } else if (env.WEB_PUSH && production && !env.VAPID_PUBLIC_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["VAPID_PUBLIC_KEY"],
        message:
          "VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY in production (a key made at start changes on restart and breaks every subscription), or WEB_PUSH=false",
      });
    }
    if (production && env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES) {
      ctx.addIssue({
        code: "custom",
        path: ["WEBHOOK_ALLOW_PRIVATE_ADDRESSES"],
        message: "false in production (webhooks to private, loopback or metadata addresses are a way into the network)",
      });
    }
    if (production && env.MAILBOX_API) {
      ctx.addIssue({
        code: "custom",
        path: ["MAILBOX_API"],
        message: "false in production (it opens every email to anyone; admins read the mailbox signed in)",
      });
    }
  });

export type NotificationsEnv = z.infer<typeof notificationsEnvSchema>;

/** Which SMS sender runs: as chosen, else Twilio with its credentials, the log sender without. */
export function smsTransportOf(env: {
  SMS_TRANSPORT?: "twilio" | "log" | "off" | undefined;
  TWILIO_ACCOUNT_SID?: string | undefined;
}): "twilio" | "log" | "off" {
  return env.SMS_TRANSPORT ?? (env.TWILIO_ACCOUNT_SID ? "twilio" : "log");
}
