import type { IdentityRouter } from "@mercato/identity";
import type { AccountLink, StaffInvitationLink } from "@mercato/identity/contract";
import { createServiceClient, type Logger, type ServiceTokenSigner } from "@mercato/kit";
import type { OrdersRouter } from "@mercato/orders";
import type { OrderContact } from "@mercato/orders/contract";
import type { GiftCardDelivery, PaymentsRouter } from "@mercato/payments";
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
  /**
   * The one-time link an identity event names by id (the bus never carries it), claimed from
   * identity; null when identity no longer has it (expired, or mailed long ago): nothing to send.
   */
  accountLink(linkId: string): Promise<AccountLink | null>;
  /** The accept link of a staff invitation (#20), claimed likewise; null when it is gone. */
  staffInvitationLink(linkId: string): Promise<StaffInvitationLink | null>;
  /** A new gift card's code for the recipient's email (#27), claimed likewise; null when it is gone. */
  giftCardDelivery(cardId: string): Promise<GiftCardDelivery | null>;
}

function trpcCode(err: unknown): string | undefined {
  const data = (err as { data?: { code?: unknown } } | null)?.data;
  return typeof data?.code === "string" ? data.code : undefined;
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Looks recipients up over tRPC with this service's credential. */
export function serviceDirectory(o: {
  identityUrl: string;
  ordersUrl: string;
  paymentsUrl: string;
  adminAlertEmails: readonly string[];
  serviceToken: ServiceTokenSigner;
  log: Logger;
}): RecipientDirectory {
  const orders = createServiceClient<OrdersRouter>("orders", o.ordersUrl, o.serviceToken);
  const identity = createServiceClient<IdentityRouter>("identity", o.identityUrl, o.serviceToken);
  const payments = createServiceClient<PaymentsRouter>("payments", o.paymentsUrl, o.serviceToken);
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
    async accountLink(linkId) {
      try {
        return await identity.identity.internal.accountLink.mutate({ linkId });
      } catch (err) {
        if (trpcCode(err) === "NOT_FOUND") return null;
        // Identity is down or starting: the event waits (deferred_events) and the link with it.
        throw new RecipientUnavailableError(`identity.internal.accountLink: ${reason(err)}`);
      }
    },
    async staffInvitationLink(linkId) {
      try {
        return await identity.identity.internal.staffInvitationLink.mutate({ linkId });
      } catch (err) {
        if (trpcCode(err) === "NOT_FOUND") return null;
        throw new RecipientUnavailableError(`identity.internal.staffInvitationLink: ${reason(err)}`);
      }
    },
    async giftCardDelivery(cardId) {
      try {
        return await payments.payments.giftCards.internal.claimDelivery.mutate({ cardId });
      } catch (err) {
        // Payments is down or starting: the event waits (deferred_events) and the email with it.
        throw new RecipientUnavailableError(`payments.giftCards.internal.claimDelivery: ${reason(err)}`);
      }
    },
  };
}
