import type { BaseDeps, Worker } from "@mercato/kit";
import type { RecipientDirectory } from "./app/recipients.ts";
import type * as schema from "./db/schema.ts";
import type { SecretBox } from "./domain/webhook-secrets.ts";
import type { NotificationsEnv } from "./env.ts";
import type { AlertFeed } from "./live/alert-feed.ts";
import type { SupportLive } from "./live/support-live.ts";
import type { PushTransport, SmsTransport, Transport } from "./sender/transport.ts";
import type { EmailConfig } from "./templates/template.ts";

/** A worker that can be woken as soon as there is work, instead of at its next poll. */
export interface KickableWorker extends Worker {
  kick(): void;
  /** Asks for a pass in `ms`, for work that becomes due before the next poll. */
  wakeIn(ms: number): void;
}

export type NotificationsDeps = BaseDeps<typeof schema, NotificationsEnv> & {
  emailConfig: EmailConfig;
  recipients: RecipientDirectory;
  transport: Transport;
  /** SMS and web push senders (#22); null when the channel is off. */
  channels: { sms: SmsTransport | null; push: PushTransport | null };
  /** Sends pending messages. */
  sender: KickableWorker;
  /** Retries events whose recipients could not be looked up yet. */
  deferred: KickableWorker;
  /** New staff alerts as published (#22), for the admin's live stream. */
  alertFeed: AlertFeed;
  /** Support chat wake-ups across instances (#22). */
  supportLive: SupportLive;
  /** Outbound webhooks (#24): the delivery worker, and the box endpoint secrets are sealed in. */
  webhooks: KickableWorker;
  webhookSecrets: SecretBox;
};
