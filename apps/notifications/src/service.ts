import { fileURLToPath } from "node:url";
import { defineService, derivedSecret, singletonWorker } from "@mercato/kit";
import { createDeferredWorker } from "./app/deferred-events.ts";
import { serviceDirectory } from "./app/recipients.ts";
import * as schema from "./db/schema.ts";
import { seedDemo } from "./demo.ts";
import type { NotificationsDeps } from "./deps.ts";
import { secretBox } from "./domain/webhook-secrets.ts";
import { notificationsEnvSchema, smsTransportOf } from "./env.ts";
import { privateAddressesAllowed } from "./env-webhooks.ts";
import { notificationHandlers } from "./events/handlers.ts";
import { AlertFeed } from "./live/alert-feed.ts";
import { createSupportLive } from "./live/support-live.ts";
import { notificationsRouter } from "./router/index.ts";
import { mailboxTransport } from "./sender/mailbox-transport.ts";
import { resendTransport } from "./sender/resend-transport.ts";
import { createSender } from "./sender/sender.ts";
import { logSmsTransport, twilioTransport } from "./sender/twilio-transport.ts";
import { generateVapidKeys, webPushTransport } from "./sender/web-push-transport.ts";
import { webhookTransport } from "./sender/webhook-transport.ts";
import { twilioWebhookRoute } from "./webhooks/twilio.ts";
import { deadLetterWorker } from "./workers/dead-letters.ts";
import { stuckOrderWorker } from "./workers/stuck-orders.ts";
import { supportAwayWorker } from "./workers/support-away.ts";
import { createWebhookWorker } from "./workers/webhook-deliveries.ts";

export const notificationsService = defineService({
  name: "notifications",
  envSchema: notificationsEnvSchema,
  schema,
  migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
  router: notificationsRouter,
  routes: (app, deps) => twilioWebhookRoute(app, deps),
  async extend(base): Promise<NotificationsDeps> {
    const { env } = base;
    const transport =
      (env.EMAIL_TRANSPORT ?? (env.RESEND_API_KEY ? "resend" : "mailbox")) === "resend" && env.RESEND_API_KEY
        ? resendTransport(env.RESEND_API_KEY)
        : mailboxTransport;
    const emailConfig = { shopName: env.SHOP_NAME, storefrontUrl: env.STOREFRONT_URL };
    const smsMode = smsTransportOf(env);
    const sms =
      smsMode === "twilio" && env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM
        ? twilioTransport({
            accountSid: env.TWILIO_ACCOUNT_SID,
            authToken: env.TWILIO_AUTH_TOKEN,
            from: env.TWILIO_FROM,
            apiUrl: env.TWILIO_API_URL,
          })
        : smsMode === "log"
          ? logSmsTransport(base.log)
          : null;
    let push = null;
    if (env.WEB_PUSH) {
      // The env check refuses production without a configured pair; development makes one now.
      const keys =
        env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY
          ? { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY }
          : generateVapidKeys();
      if (!env.VAPID_PUBLIC_KEY) base.log.warn("VAPID keys made at start: push subscriptions end at restart");
      push = webPushTransport({ ...keys, subject: env.VAPID_SUBJECT });
    }
    const channels = { sms, push };
    const sender = createSender({
      db: base.db,
      log: base.log,
      business: base.metrics.business,
      transport,
      sms,
      push,
      from: env.EMAIL_FROM,
      maxAttempts: env.EMAIL_MAX_ATTEMPTS,
      retryBaseMs: env.EMAIL_RETRY_BASE_MS,
      pollMs: env.EMAIL_POLL_MS,
    });
    const recipients = serviceDirectory({
      identityUrl: env.IDENTITY_URL,
      ordersUrl: env.ORDERS_URL,
      paymentsUrl: env.PAYMENTS_URL,
      adminAlertEmails: env.ADMIN_ALERT_EMAILS,
      serviceToken: base.serviceToken,
      log: base.log,
    });
    const alertFeed = new AlertFeed(base.bus.nc, base.log.child({ component: "alert-feed" }));
    const supportLive = createSupportLive(base.bus.nc, base.log.child({ component: "support-live" }));
    const partial = { ...base, emailConfig, recipients, transport, channels, sender, alertFeed, supportLive };
    // Demo mail is for the dev mailbox only: never send it to a real provider.
    if (env.SEED_DEMO && transport.name === "mailbox") await seedDemo(base.db, emailConfig);
    base.log.info(
      { transport: transport.name, sms: sms?.name ?? "off", push: push ? "web-push" : "off" },
      "message transports",
    );
    if (transport.name === "mailbox" && env.NODE_ENV === "production") {
      base.log.warn("email stays in the mailbox in production (ALLOW_MAILBOX_EMAIL): nobody receives it");
    }
    // Outbound webhooks (#24).
    const webhookSecrets = secretBox(
      env.WEBHOOK_SECRET_KEY ?? derivedSecret(env.SERVICE_SIGNING_KEY, "webhook-secrets"),
    );
    const webhooks = createWebhookWorker({
      ...partial,
      webhookSecrets,
      sendWebhook: webhookTransport({
        timeoutMs: env.WEBHOOK_TIMEOUT_MS,
        allowPrivateAddresses: privateAddressesAllowed(env),
        userAgent: "Mercato-Webhooks/1",
      }),
    });
    const full = { ...partial, webhooks, webhookSecrets };
    return { ...full, deferred: createDeferredWorker(full) };
  },
  handlers: notificationHandlers,
  // Pollers and senders run in one instance at a time (singletonWorker: a lease in NATS KV); the
  // live feeds run in every instance (each serves its own subscribers), and the dead-letter alerts
  // share one durable consumer, which splits the work between instances by itself.
  workers: (deps) => [
    singletonWorker(deps.sender),
    singletonWorker(deps.deferred),
    // Live staff alerts (#22).
    { name: "alert-feed", start: () => deps.alertFeed.start(), stop: async () => deps.alertFeed.stop() },
    deadLetterWorker(deps),
    singletonWorker(stuckOrderWorker(deps)),
    // The support chat (#22).
    { name: "support-live", start: () => deps.supportLive.start(), stop: async () => deps.supportLive.stop() },
    singletonWorker(supportAwayWorker(deps)),
    // Outbound webhooks (#24).
    singletonWorker(deps.webhooks),
  ],
});
