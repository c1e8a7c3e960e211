import { isServiceName, MAX_BATCH_SIZE, type ServiceName, serviceEntry } from "@mercato/registry";

export type TrpcRoute =
  | { ok: true; service: ServiceName; procedures: string[] }
  | { ok: false; status: 400 | 404; message: string };

/** `cart.internal.forCheckout`: a procedure for services only, never answered from outside. */
export function isInternalProcedure(procedure: string): boolean {
  return procedure.split(".").includes("internal");
}

/** Whether a path is a tRPC call; Hono's `/trpc/*` also matches the bare `/trpc`. */
export function isTrpcPath(path: string): boolean {
  return path === "/trpc" || path.startsWith("/trpc/");
}

const withoutTrailingSlash = (path: string) => (path.endsWith("/") ? path.slice(0, -1) : path);

/**
 * Picks the service for `/trpc/<ns>.<proc>[,<ns>.<proc>...]`. The client batches per service, so a
 * batch that spans services is a client bug: it is refused rather than split, naming the culprits.
 *
 * Procedures are read as tRPC's fetch adapter reads them, so the rate limits see what the service
 * will run: it trims one slash off the end of the pathname and one more off the procedure path
 * before decoding, so `orders.checkout/` and `orders.checkout//` both call `orders.checkout`.
 */
export function routeTrpc(pathAfterTrpc: string, maxBatchSize = MAX_BATCH_SIZE): TrpcRoute {
  let decoded: string;
  try {
    decoded = decodeURIComponent(withoutTrailingSlash(withoutTrailingSlash(pathAfterTrpc)));
  } catch {
    return { ok: false, status: 400, message: "path: malformed procedure path" };
  }
  if (decoded === "") return { ok: false, status: 404, message: "path: no procedure named" };
  // tRPC splits a batch on every comma: an empty name is a call at a position too.
  const procedures = decoded.split(",");
  if (procedures.some((p) => p === "")) return { ok: false, status: 400, message: "path: an empty procedure name" };
  if (procedures.length > maxBatchSize) {
    return {
      ok: false,
      status: 400,
      message: `path: a batch may carry at most ${maxBatchSize} calls, this one has ${procedures.length}`,
    };
  }
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
  if (!isServiceName(first) || !serviceEntry(first).publicApi || !procedures.every((p) => p.includes("."))) {
    return { ok: false, status: 404, message: `path: no service answers ${procedures.join(", ")}` };
  }
  // Internal procedures answer only a service credential, which never enters from outside; the
  // gateway does not even ask (a service that forgot the guard stays unreachable from outside).
  const internal = procedures.filter(isInternalProcedure);
  if (internal.length > 0) {
    return { ok: false, status: 404, message: `path: no service answers ${internal.join(", ")}` };
  }
  return { ok: true, service: first, procedures };
}

/**
 * The metrics label of a plain HTTP route `service` answers (`/api/auth`, `/media`,
 * `/webhooks/stripe`): the registered route, a bounded set, never the raw path.
 */
export function httpRouteLabel(service: ServiceName, path: string): string {
  const route = serviceEntry(service).httpRoutes.find((r) => path.startsWith(r.path));
  return route ? withoutTrailingSlash(route.path) : "other";
}
