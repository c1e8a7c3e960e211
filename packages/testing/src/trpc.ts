import { SERVICE_TOKEN_HEADER } from "@mercato/kit";
import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink, TRPCClientError } from "@trpc/client";
import type { AnyRouter } from "@trpc/server";
import { EventSource } from "eventsource";
import superjson from "superjson";
import { testServiceSigner } from "./service.ts";

/** A user's JWT, or where to get a fresh one (an auth session's `getToken`). */
export type TokenSource = string | (() => Promise<string | null | undefined>);

export interface CallerAuth {
  /** Sent as `Authorization: Bearer`. */
  token?: TokenSource;
  /** Sends a service credential signed with this caller's test key (`true`: "ops", the audit tools). */
  service?: boolean | string;
  /** Extra headers on every call (a guest's `x-cart-token` / `x-order-token`). */
  headers?: Record<string, string> | (() => Record<string, string>);
  /**
   * The callee the credential is for (its `aud`); by default the service answering at `url`, as
   * its `/health` names it.
   */
  audience?: string;
}

/** Which service answers at a URL (its /health says), for a credential's audience. */
async function serviceAt(url: string): Promise<string> {
  const res = await fetch(`${url.replace(/\/$/, "")}/health`);
  const body = (await res.json().catch(() => ({}))) as { service?: unknown };
  if (typeof body.service !== "string") throw new Error(`${url}/health does not name its service`);
  return body.service;
}

/**
 * A typed tRPC client of one service, as a user (token), a service (signed credential) or
 * anonymous: superjson, one HTTP request per call, SSE for subscriptions (the `eventsource`
 * package, which can send headers).
 */
export function clientFor<R extends AnyRouter>(url: string, auth: CallerAuth = {}) {
  const sign = auth.service ? testServiceSigner(typeof auth.service === "string" ? auth.service : "ops") : undefined;
  let audience: Promise<string> | undefined = auth.audience ? Promise.resolve(auth.audience) : undefined;
  const headers = async (): Promise<Record<string, string>> => {
    if (sign) audience ??= serviceAt(url);
    const token = typeof auth.token === "function" ? await auth.token() : auth.token;
    const extra = typeof auth.headers === "function" ? auth.headers() : (auth.headers ?? {});
    return {
      ...extra,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(sign ? { [SERVICE_TOKEN_HEADER]: await sign(await (audience as Promise<string>)) } : {}),
    };
  };
  const links = [
    splitLink({
      condition: (op) => op.type === "subscription",
      true: httpSubscriptionLink({
        url: `${url}/trpc`,
        transformer: superjson,
        EventSource,
        eventSourceOptions: async () => {
          const h = await headers();
          return {
            fetch: (input: string | URL | Request, init?: RequestInit) =>
              fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...h } }),
          };
        },
      }),
      false: httpLink({ url: `${url}/trpc`, transformer: superjson, headers }),
    }),
  ];
  // The links are built for any router; narrowed once to this one.
  return createTRPCClient<R>({ links: links as never });
}

/** The tRPC error a call failed with (fails the test if the call succeeded or failed otherwise). */
export async function failure(call: Promise<unknown>): Promise<TRPCClientError<AnyRouter>> {
  const outcome = await call.then(
    () => new Error("expected the call to fail, but it succeeded"),
    (e: unknown) => e,
  );
  if (!(outcome instanceof TRPCClientError)) throw outcome;
  return outcome;
}
