import { on, UserDeleted } from "@mercato/events";
import { forgetUser } from "../app/forget-user.ts";
import type { CartDeps } from "../deps.ts";

/** A deleted account: its cart goes (app/forget-user.ts). */
export function userDeletedHandler(deps: CartDeps) {
  return on(UserDeleted, (event) => forgetUser(deps, event));
}
