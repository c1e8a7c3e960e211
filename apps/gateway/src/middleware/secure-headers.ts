import { secureHeaders } from "hono/secure-headers";
import type { GatewayMiddleware } from "../context.ts";
import { DOCS_CSP_DIRECTIVES, isDocsPage } from "../rest/docs-policy.ts";

/** Security headers on every answer, set for an API that serves JSON and product images. */
export function secureHeadersMiddleware(): GatewayMiddleware {
  const api = secureHeaders({
    // An API answers JSON, never pages: nothing may be framed, scripted or embedded from it.
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    // Product images under /media are shown by the storefront, which is another origin.
    crossOriginResourcePolicy: "cross-origin",
  });
  // The one page the gateway serves (the REST reference, #24) runs its own scripts and styles.
  const docs = secureHeaders({ contentSecurityPolicy: DOCS_CSP_DIRECTIVES, crossOriginResourcePolicy: "same-origin" });
  return (c, next) => (isDocsPage(c.req.path) ? docs(c, next) : api(c, next));
}
