import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The demo seed's stable user ids (#20): a user created inside `withUserId(id, …)` gets that id
 * instead of a generated one (better-auth's user create hook, see create-auth.ts). Outside it —
 * every real sign-up — nothing changes.
 */
const wantedId = new AsyncLocalStorage<string>();

export function withUserId<T>(id: string | undefined, create: () => Promise<T>): Promise<T> {
  return id ? wantedId.run(id, create) : create();
}

/** The user about to be created, with the id the demo seed asked for (if any). */
export function withDemoId<T extends object>(user: T): T {
  const id = wantedId.getStore();
  return id ? { ...user, id } : user;
}
