import { type AuthUser, invalid } from "@mercato/kit";
import type { OrdersDeps } from "../deps.ts";
import { upstream } from "./upstream.ts";

/**
 * A checkout that pays with a saved method (#20) must name one of the signed-in shopper's own:
 * payments answers 404 naming `paymentMethodId` for anyone else's, passed on as it came, before
 * anything is written. A guest has no saved methods.
 */
export async function assertOwnSavedMethod(
  deps: Pick<OrdersDeps, "clients">,
  user: AuthUser | null,
  paymentMethodId: string | undefined,
): Promise<void> {
  if (!paymentMethodId) return;
  if (!user) throw invalid("paymentMethodId", "sign in to pay with a saved payment method");
  await upstream(
    "payments",
    deps.clients.payments.payments.internal.savedMethod.query({ userId: user.id, paymentMethodId }),
  );
}
