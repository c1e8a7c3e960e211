/** Every service behind the gateway; the name is also its tRPC namespace. */
export const SERVICES = ["identity", "catalog", "inventory", "cart", "orders", "payments", "notifications"] as const;
export type ServiceName = (typeof SERVICES)[number];

export function isServiceName(name: string): name is ServiceName {
  return (SERVICES as readonly string[]).includes(name);
}

export type TrpcRoute =
  | { ok: true; service: ServiceName; procedures: string[] }
  | { ok: false; status: 400 | 404; message: string };

/**
 * Picks the service for `/trpc/<ns>.<proc>[,<ns>.<proc>...]`. The client batches per service, so a
 * batch that spans services is a client bug: it is refused rather than split, naming the culprits.
 */
export function routeTrpc(pathAfterTrpc: string): TrpcRoute {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathAfterTrpc);
  } catch {
    return { ok: false, status: 400, message: "path: malformed procedure path" };
  }
  const procedures = decoded.split(",").filter(Boolean);
  if (procedures.length === 0) return { ok: false, status: 404, message: "path: no procedure named" };
  const namespaces = procedures.map((p) => p.split(".")[0] ?? "");
  const first = namespaces[0] ?? "";
  if (namespaces.some((ns) => ns !== first)) {
    const listed = procedures.map((p, i) => `${p} (${namespaces[i]})`).join(", ");
    return {
      ok: false,
      status: 400,
      message: `path: a batch must address one service, but it mixes ${listed}`,
    };
  }
  if (!isServiceName(first) || !procedures.every((p) => p.includes("."))) {
    return { ok: false, status: 404, message: `path: no service answers ${procedures.join(", ")}` };
  }
  return { ok: true, service: first, procedures };
}

/** Non-tRPC paths that belong to one service: better-auth, product images, Stripe webhooks. */
export function routeHttp(path: string, method: string): ServiceName | undefined {
  if (path.startsWith("/api/auth/")) return "identity";
  if (path.startsWith("/media/") && (method === "GET" || method === "HEAD")) return "catalog";
  if (path === "/webhooks/stripe" && method === "POST") return "payments";
  return undefined;
}
