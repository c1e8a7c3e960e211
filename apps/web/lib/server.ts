import { createServerClient } from "@mercato/client/server";
import { cookies, headers } from "next/headers";
import { shopperHeaders } from "./client-address.ts";
import { SERVER_GATEWAY_URL } from "./config.ts";

/** A client for anonymous, cacheable reads (catalog pages). */
export function publicClient() {
  return createServerClient({ baseUrl: SERVER_GATEWAY_URL });
}

/** The signed-in user's JWT for this request, from the better-auth session cookie. */
export async function requestToken(): Promise<string | null> {
  const cookie = (await cookies()).toString();
  if (!cookie.includes("better-auth")) return null;
  const shopper = shopperHeaders(await headers());
  const res = await fetch(`${SERVER_GATEWAY_URL}/api/auth/token`, {
    headers: { cookie, ...shopper },
    cache: "no-store",
  });
  if (!res.ok) return null;
  return ((await res.json()) as { token: string }).token;
}

/** A client acting as the signed-in user of this request (never cached across users). */
export async function userClient() {
  const token = await requestToken();
  const incoming = await headers();
  const requestId = incoming.get("x-request-id");
  return {
    token,
    client: createServerClient({
      baseUrl: SERVER_GATEWAY_URL,
      token,
      // Signed afresh per call: the gateway accepts a signature for a minute only.
      headers: () => ({ ...(requestId ? { "x-request-id": requestId } : {}), ...shopperHeaders(incoming) }),
    }),
  };
}
