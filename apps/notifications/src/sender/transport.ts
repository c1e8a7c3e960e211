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
