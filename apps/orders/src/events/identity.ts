import { on, UserDeleted } from "@mercato/events";
import { forgetUser } from "../app/forget-user.ts";
import type { OrdersDeps } from "../deps.ts";

/** A deleted account: its orders (and guest orders with its email) are anonymized (app/forget-user.ts). */
export function identityHandlers(deps: OrdersDeps) {
  return [on(UserDeleted, (event) => forgetUser(deps, event))];
}
