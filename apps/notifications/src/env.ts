import { baseEnvSchema, ownPortSchema, serviceUrlsSchema } from "@mercato/kit";
import { z } from "zod";

const commaList = z
  .string()
  .default("")
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );

export const notificationsEnvSchema = baseEnvSchema.extend({
  PORT: ownPortSchema("notifications"),
  SHOP_NAME: z.string().min(1).default("Mercato"),
  EMAIL_FROM: z.string().min(3).default("Mercato <shop@mercato.dev>"),
  STOREFRONT_URL: z.string().url().default("http://localhost:3000"),
  /** With a key, email goes out through Resend; without, it lands in the dev mailbox. */
  RESEND_API_KEY: z.string().min(1).optional(),
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
  ...serviceUrlsSchema("identity", "orders"),
  /** Extra low-stock alert recipients, and the fallback while identity cannot be asked. */
  ADMIN_ALERT_EMAILS: commaList,
  SEED_DEMO: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
});

export type NotificationsEnv = z.infer<typeof notificationsEnvSchema>;
