import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The storefront's server renders pages for many shoppers from one address. It tells the gateway
 * whose request it forwards in `x-mercato-client-ip`, signed in `x-mercato-client-sig` as
 * `<unix seconds>.<hex HMAC-SHA256(WEB_TIER_SECRET, "<address>\n<unix seconds>")>`, so only the
 * web tier can name an address (apps/web/lib/client-address.ts signs the same way).
 */
export const WEB_CLIENT_IP_HEADER = "x-mercato-client-ip";
export const WEB_CLIENT_SIG_HEADER = "x-mercato-client-sig";
export const WEB_TIER_HEADERS = [WEB_CLIENT_IP_HEADER, WEB_CLIENT_SIG_HEADER] as const;

/** How far a signature's time may be from ours (clock skew plus the request's time in flight). */
const MAX_SKEW_SECONDS = 60;
/** An IPv4 or IPv6 address as a proxy writes it (no ports, no names). */
const ADDRESS = /^[0-9A-Fa-f:.]{2,45}$/;

export function signClientAddress(secret: string, address: string, nowSeconds = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac("sha256", secret).update(`${address}\n${nowSeconds}`).digest("hex");
  return `${nowSeconds}.${mac}`;
}

/** The address the web tier vouched for, or undefined when the headers are missing, forged or stale. */
export function verifiedClientAddress(
  secret: string | undefined,
  address: string | null | undefined,
  signature: string | null | undefined,
  nowSeconds = Math.floor(Date.now() / 1000),
): string | undefined {
  if (!secret || !address || !signature || !ADDRESS.test(address)) return undefined;
  const m = signature.match(/^(\d{1,12})\.([0-9a-f]{64})$/);
  if (!m?.[1] || !m[2]) return undefined;
  const at = Number(m[1]);
  if (Math.abs(nowSeconds - at) > MAX_SKEW_SECONDS) return undefined;
  const expected = createHmac("sha256", secret).update(`${address}\n${at}`).digest();
  const given = Buffer.from(m[2], "hex");
  return given.length === expected.length && timingSafeEqual(given, expected) ? address : undefined;
}

/**
 * The client behind `hops` trusted proxies: the X-Forwarded-For entry the outermost of them
 * appended (entries before it are whatever the client wrote). Undefined when none is trusted or
 * the header has no entries.
 */
export function forwardedClient(forwardedFor: string | null | undefined, hops: number): string | undefined {
  if (hops <= 0 || !forwardedFor) return undefined;
  const entries = forwardedFor
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return undefined;
  return entries[Math.max(0, entries.length - hops)];
}
