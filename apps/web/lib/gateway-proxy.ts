import { CLIENT_IP_HEADER, CLIENT_SIG_HEADER, shopperHeaders } from "./client-address.ts";
import { SERVER_GATEWAY_URL } from "./config.ts";
import { cookiesFromTokenHeaders, isSecureRequest, TOKEN_HEADERS, tokenHeadersFromCookies } from "./token-cookies.ts";

// Hop-by-hop headers and ones fetch computes itself must not be copied across.
const DROP_REQUEST = new Set([
  "host",
  "connection",
  "content-length",
  "accept-encoding",
  "keep-alive",
  "transfer-encoding",
  // Who the shopper is, the web tier says itself (signed); what the browser wrote is not passed on.
  "x-forwarded-for",
  CLIENT_IP_HEADER,
  CLIENT_SIG_HEADER,
]);
const DROP_RESPONSE = new Set(["connection", "content-encoding", "content-length", "keep-alive", "transfer-encoding"]);

/**
 * Forwards a request from the browser to the gateway and streams the answer back (SSE included).
 * The browser then talks to one origin: no CORS, and better-auth's cookie stays first-party.
 * The gateway URL is read at run time, so one build serves any environment.
 *
 * A guest's cart and order tokens live in HttpOnly cookies (lib/token-cookies.ts): on `/trpc` the
 * proxy sends them as the x-cart-token / x-order-token headers (never in the URL), and makes the
 * tokens a service answers in those response headers into cookies, which the browser's scripts
 * cannot read.
 */
export function forwardToGateway(req: Request): Promise<Response> {
  return forwardTo(SERVER_GATEWAY_URL, req);
}

/** `forwardToGateway` to a given gateway (the security suite runs the proxy in front of its own). */
export async function forwardTo(gatewayUrl: string, req: Request): Promise<Response> {
  const url = new URL(req.url);
  const target = `${gatewayUrl.replace(/\/$/, "")}${url.pathname}${url.search}`;
  const trpc = url.pathname.startsWith("/trpc/");
  const headers = new Headers();
  for (const [k, v] of req.headers) if (!DROP_REQUEST.has(k.toLowerCase())) headers.set(k, v);
  for (const [k, v] of Object.entries(shopperHeaders(req.headers))) headers.set(k, v);
  if (trpc) for (const [k, v] of Object.entries(tokenHeadersFromCookies(req.headers.get("cookie")))) headers.set(k, v);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const upstream = await fetch(target, {
    method: req.method,
    headers,
    body: hasBody ? await req.arrayBuffer() : undefined,
    redirect: "manual",
    signal: req.signal,
  }).catch(() => null);
  if (!upstream) {
    return Response.json(
      { error: { message: "The shop's API is unavailable. Try again in a moment." } },
      { status: 503 },
    );
  }
  const out = new Headers();
  for (const [k, v] of upstream.headers) if (!DROP_RESPONSE.has(k.toLowerCase())) out.append(k, v);
  // Set-Cookie must stay separate values, not one joined header.
  out.delete("set-cookie");
  for (const cookie of upstream.headers.getSetCookie()) out.append("set-cookie", cookie);
  if (trpc) {
    for (const cookie of cookiesFromTokenHeaders(upstream.headers, isSecureRequest(req)))
      out.append("set-cookie", cookie);
    for (const h of TOKEN_HEADERS) out.delete(h);
  }
  return new Response(upstream.body, { status: upstream.status, statusText: upstream.statusText, headers: out });
}
