/**
 * What other services hold about a user, for the data export: orders (`orders.internal.exportFor`)
 * and the mailbox (`notifications.internal.messagesFor`). Called untyped (the routers are not
 * imported: notifications already depends on identity's package, and a package cycle is refused),
 * each answer checked for being a list.
 */
import { createServiceClient } from "@mercato/kit";
import type { AnyRouter } from "@trpc/server";
import type { IdentityDeps } from "../deps.ts";

type Deps = Pick<IdentityDeps, "env" | "serviceToken" | "log">;
type Query = { query(input: unknown): Promise<unknown> };

function procedure(deps: Deps, callee: "orders" | "notifications", url: string, path: string[]): Query {
  // biome-ignore lint/suspicious/noExplicitAny: an untyped proxy, narrowed by the caller's check
  let node: any = createServiceClient<AnyRouter>(callee, url, deps.serviceToken);
  for (const part of path) node = node[part];
  return node as Query;
}

export async function ordersFor(deps: Deps, who: { userId: string; email: string }): Promise<unknown[]> {
  const answer = await procedure(deps, "orders", deps.env.ORDERS_URL, ["orders", "internal", "exportFor"]).query(who);
  if (!Array.isArray(answer)) throw new Error("orders.internal.exportFor did not answer a list");
  return answer;
}

/** Null when notifications cannot answer (not deployed with `messagesFor` yet, or down): the export says so. */
export async function messagesFor(deps: Deps, who: { userId: string; email: string }): Promise<unknown[] | null> {
  try {
    const answer = await procedure(deps, "notifications", deps.env.NOTIFICATIONS_URL, [
      "notifications",
      "internal",
      "messagesFor",
    ]).query(who);
    if (Array.isArray(answer)) return answer;
    if (answer && typeof answer === "object" && Array.isArray((answer as { items?: unknown }).items)) {
      return (answer as { items: unknown[] }).items;
    }
    return null;
  } catch (err) {
    deps.log.warn({ err: String(err) }, "the export has no messages: notifications did not answer");
    return null;
  }
}
