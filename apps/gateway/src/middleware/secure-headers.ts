import { secureHeaders } from "hono/secure-headers";
import type { GatewayMiddleware } from "../context.ts";

/** Security headers on every answer, set for an API that serves JSON and product images. */
export function secureHeadersMiddleware(): GatewayMiddleware {
  return secureHeaders({
    // An API answers JSON, never pages: nothing may be framed, scripted or embedded from it.
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    // Product images under /media are shown by the storefront, which is another origin.
    crossOriginResourcePolicy: "cross-origin",
  });
}
