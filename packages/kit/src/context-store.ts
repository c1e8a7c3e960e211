import { AsyncLocalStorage } from "node:async_hooks";
import type { AuthUser } from "./auth.ts";

/**
 * The request being served, so logs and outgoing calls carry its id without threading it by hand.
 * `user` is the verified user of a tRPC request (set when its context is made), so the audit log
 * and seller scoping in a use case know who acts without a new parameter on every call.
 */
export const requestStore = new AsyncLocalStorage<{ requestId: string; user?: AuthUser | null }>();

/** The signed-in user of the request being served (null outside a request or without a token). */
export function currentUser(): AuthUser | null {
  return requestStore.getStore()?.user ?? null;
}

export function currentRequestId(): string | undefined {
  return requestStore.getStore()?.requestId;
}
