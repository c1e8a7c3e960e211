import { on, UserDeleted } from "@mercato/events";
import { forgetUser } from "../app/saved-methods.ts";
import type { PaymentsDeps } from "../deps.ts";

/** A deleted account: its saved cards and Stripe customer go, its payments lose the email (#20). */
export function userDeletedHandler(deps: PaymentsDeps) {
  return on(UserDeleted, (event) => forgetUser(deps, event.data.userId, event.data.email));
}
