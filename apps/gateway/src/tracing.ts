import { httpTracing } from "@mercato/kit";
import type { GatewayHonoEnv, GatewayMiddleware } from "./context.ts";

/** Procedures named in a span's name at most; a longer batch ends in `+N`. */
const NAMED_PROCEDURES = 5;

/**
 * The root span of every trace: one SERVER span per request at the public edge. A client's own
 * `traceparent` is ignored (a client must not choose trace ids or force sampling; forward.ts also
 * drops it), and the proxy passes this span's context upstream, so each service's spans are its
 * children. Named by the route kind and, for tRPC, the procedures: `POST /trpc orders.checkout`.
 */
export function tracingMiddleware(): GatewayMiddleware {
  return httpTracing<GatewayHonoEnv>({
    acceptIncoming: false,
    nameOf: (c) => {
      const procedures = c.get("destination")?.procedures ?? [];
      const named = procedures.slice(0, NAMED_PROCEDURES).join(",");
      const more = procedures.length > NAMED_PROCEDURES ? ` +${procedures.length - NAMED_PROCEDURES}` : "";
      return `${c.req.method} ${c.get("route") ?? "other"}${named ? ` ${named}${more}` : ""}`;
    },
  });
}
