import type { IdentityRouter } from "@mercato/identity";
import { createServiceClient, type Logger, type ServiceTokenSigner } from "@mercato/kit";
import type { OrdersRouter } from "@mercato/orders";
import type { OrderContact } from "@mercato/orders/contract";
import { alertRecipients } from "../domain/delivery.ts";

/** Thrown when the service that knows a recipient cannot tell us now: the event waits and retries. */
export class RecipientUnavailableError extends Error {
  override name = "RecipientUnavailableError";
}

/** Where notifications learn addresses that events do not carry. */
export interface RecipientDirectory {
  /** The shopper's email and the order number, from orders. */
  orderContact(orderId: string): Promise<OrderContact>;
  /** Everyone who should get operational alerts (identity's admins plus ADMIN_ALERT_EMAILS). */
  alertRecipients(): Promise<string[]>;
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Looks recipients up over tRPC with this service's credential. */
export function serviceDirectory(o: {
  identityUrl: string;
  ordersUrl: string;
  adminAlertEmails: readonly string[];
  serviceToken: ServiceTokenSigner;
  log: Logger;
}): RecipientDirectory {
  const orders = createServiceClient<OrdersRouter>("orders", o.ordersUrl, o.serviceToken);
  const identity = createServiceClient<IdentityRouter>("identity", o.identityUrl, o.serviceToken);
  return {
    async orderContact(orderId) {
      try {
        const contact = await orders.orders.internal.contact.query({ orderId });
        return { email: contact.email, number: contact.number };
      } catch (err) {
        throw new RecipientUnavailableError(`orders.internal.contact for ${orderId}: ${reason(err)}`);
      }
    },
    async alertRecipients() {
      try {
        const admins = await identity.identity.internal.adminEmails.query();
        return alertRecipients(admins, o.adminAlertEmails);
      } catch (err) {
        // The configured list is enough to alert someone; only with nobody to tell do we wait.
        if (o.adminAlertEmails.length > 0) {
          o.log.warn({ reason: reason(err) }, "identity did not list admins; alerting ADMIN_ALERT_EMAILS only");
          return alertRecipients([], o.adminAlertEmails);
        }
        throw new RecipientUnavailableError(`identity.internal.adminEmails: ${reason(err)}`);
      }
    },
  };
}
