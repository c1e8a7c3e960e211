/** Thrown when the service that knows a recipient cannot tell us now: the event waits and retries. */
export class RecipientUnavailableError extends Error {
  override name = "RecipientUnavailableError";
}

/** Where notifications learn addresses that events do not carry. */
export interface RecipientDirectory {
  /** The shopper's email and the order number, from orders. */
  orderContact(orderId: string): Promise<{ email: string; number: string }>;
  /** Everyone who should get operational alerts (identity's admins plus ADMIN_ALERT_EMAILS). */
  alertRecipients(): Promise<string[]>;
}
