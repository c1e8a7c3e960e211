import { AsyncLocalStorage } from "node:async_hooks";

/** The request being served, so logs and outgoing calls carry its id without threading it by hand. */
export const requestStore = new AsyncLocalStorage<{ requestId: string }>();

export function currentRequestId(): string | undefined {
  return requestStore.getStore()?.requestId;
}
