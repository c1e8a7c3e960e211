/** What Bun passes to `fetch` as its second argument (Hono exposes it as `c.env`). */
interface BunServerLike {
  requestIP?(req: Request): { address: string } | null;
}

/** The client's address: the proxy's X-Forwarded-For first hop when trusted, else the socket's peer. */
export function clientIp(req: Request, server: unknown, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  const peer = (server as BunServerLike | undefined)?.requestIP?.(req);
  return peer?.address ?? "unknown";
}
