import { serviceForHttp } from "@mercato/registry";
import type { GatewayMiddleware } from "../context.ts";
import { httpRouteLabel, isTrpcPath, routeTrpc } from "../domain/routing.ts";
import { refuse } from "../errors.ts";
import { isRestPath, routeRest } from "../rest/routes.ts";

/**
 * Picks the service a request goes to, from the registry: `/trpc/<ns>.<proc>` by namespace, other
 * paths by the services' HTTP routes. A request no service answers is refused here, before it is
 * counted against any rate limit.
 */
export function routingMiddleware(opts: { maxBatchSize?: number } = {}): GatewayMiddleware {
  return async (c, next) => {
    const path = c.req.path;
    if (isTrpcPath(path)) {
      c.set("route", "/trpc");
      const route = routeTrpc(path.slice("/trpc/".length), opts.maxBatchSize);
      if (!route.ok) return refuse(c, route.status, route.message);
      c.set("destination", { service: route.service, procedures: route.procedures, trpc: true });
      c.set("upstream", route.service);
    } else if (isRestPath(path)) {
      c.set("route", "/api/v1");
      const match = routeRest(c.req.method, path);
      if (!match.ok) return refuse(c, match.status, match.message);
      const { service, procedure } = match.route;
      c.set("destination", { service, procedures: [procedure], trpc: false, rest: true });
      c.set("upstream", service);
    } else {
      const service = serviceForHttp(path, c.req.method);
      if (!service) return refuse(c, 404, `No route ${c.req.method} ${path}`);
      c.set("route", httpRouteLabel(service, path));
      c.set("destination", { service, procedures: [], trpc: false });
      c.set("upstream", service);
    }
    await next();
  };
}
