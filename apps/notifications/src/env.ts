import { baseEnvSchema, ownPortSchema, serviceUrlsSchema } from "@mercato/kit";
import { z } from "zod";
import { alertsEnvShape, supportEnvShape } from "./env-alerts.ts";

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
    ...serviceUrlsSchema("identity", "orders"),
    /** Extra low-stock alert recipients, and the fallback while identity cannot be asked. */
    ADMIN_ALERT_EMAILS: commaList,
    ...alertsEnvShape,
    ...supportEnvShape,
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
    if (production && env.MAILBOX_API) {
      ctx.addIssue({
        code: "custom",
        path: ["MAILBOX_API"],
        message: "false in production (it opens every email to anyone; admins read the mailbox signed in)",
      });
    }
  });

export type NotificationsEnv = z.infer<typeof notificationsEnvSchema>;
