/** One email as handed to a provider. `id` doubles as the provider's idempotency key. */
export interface OutgoingEmail {
  id: string;
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

export type SendResult =
  | { ok: true; providerId: string }
  /** `statusCode` is null when the provider never answered (network, unreadable reply). */
  | { ok: false; statusCode: number | null; error: string };

export interface Transport {
  name: "resend" | "mailbox";
  send(email: OutgoingEmail): Promise<SendResult>;
}

/** One SMS as handed to a provider. */
export interface OutgoingSms {
  id: string;
  to: string;
  body: string;
}

export interface SmsTransport {
  name: "twilio" | "log";
  send(sms: OutgoingSms): Promise<SendResult>;
}

/** One web push message: the subscription it goes to and the (not yet encrypted) JSON payload. */
export interface OutgoingPush {
  id: string;
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  payload: string;
}

export interface PushTransport {
  name: "web-push";
  /** The VAPID public key browsers subscribe with (applicationServerKey). */
  publicKey: string;
  send(push: OutgoingPush): Promise<SendResult>;
}
