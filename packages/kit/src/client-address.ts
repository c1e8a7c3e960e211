/**
 * The client's address as the gateway saw it: the gateway appends it as the LAST X-Forwarded-For
 * entry (after whatever the client sent), so only that entry can be trusted; earlier entries are
 * the client's own words. Null when the request did not come through the gateway (a service call).
 */
export function clientAddressOf(req: Request): string | null {
  const forwarded = req.headers.get("x-forwarded-for");
  if (!forwarded) return null;
  const last = forwarded.split(",").at(-1)?.trim();
  return last ? last.slice(0, 100) : null;
}
