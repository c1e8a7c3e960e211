import { createHmac } from "node:crypto";

/**
 * The storefront's server calls the gateway for many shoppers from one address. So that the
 * gateway's limits are each shopper's, not one bucket the whole web tier shares (which one
 * client could empty), it names the shopper in `x-mercato-client-ip`, signed with the secret it
 * shares with the gateway (`WEB_TIER_SECRET`) in `x-mercato-client-sig`:
 * `<unix seconds>.<hex HMAC-SHA256(secret, "<address>\n<unix seconds>")>` — the gateway checks it
 * the same way (apps/gateway/src/domain/web-tier.ts) and ignores the header without it.
 */
export const CLIENT_IP_HEADER = "x-mercato-client-ip";
export const CLIENT_SIG_HEADER = "x-mercato-client-sig";

/** The shopper's address: the X-Forwarded-For entry our own trusted proxy (the ingress) appended. */
export function shopperAddress(
  headers: Headers,
  trustedHops = Number(process.env.TRUSTED_PROXY_HOPS ?? 1),
): string | undefined {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const hops = Number.isInteger(trustedHops) && trustedHops > 0 ? trustedHops : 1;
  const address = entries[Math.max(0, entries.length - hops)] ?? headers.get("x-real-ip") ?? undefined;
  return address && /^[0-9A-Fa-f:.]{2,45}$/.test(address) ? address : undefined;
}

export function signShopperAddress(
  secret: string,
  address: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): string {
  return `${nowSeconds}.${createHmac("sha256", secret).update(`${address}\n${nowSeconds}`).digest("hex")}`;
}

/** The headers that name the shopper to the gateway; none without a secret or a known address. */
export function shopperHeaders(
  incoming: Headers,
  secret: string | undefined = process.env.WEB_TIER_SECRET,
): Record<string, string> {
  const address = shopperAddress(incoming);
  if (!secret || !address) return {};
  return { [CLIENT_IP_HEADER]: address, [CLIENT_SIG_HEADER]: signShopperAddress(secret, address) };
}
