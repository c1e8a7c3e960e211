import { dirname, join } from "node:path";
import { Hono } from "hono";
import type { GatewayHonoEnv } from "../context.ts";
import { etagMatches } from "../domain/cache-policy.ts";
import { REST_DOCUMENT_PATH, restDocument } from "./routes.ts";

/** The interactive reference: Scalar's standalone bundle, served from our own node_modules (no CDN). */
const SCALAR_BUNDLE = join(
  dirname(Bun.resolveSync("@scalar/api-reference/style.css", import.meta.dir)),
  "browser/standalone.js",
);

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mercato API reference</title>
</head>
<body>
<main id="api-reference"></main>
<script src="/api/docs/scalar.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

// An external file, not an inline script: the page's CSP allows scripts from this origin only.
const INIT = `Scalar.createApiReference("#api-reference", ${JSON.stringify({
  url: REST_DOCUMENT_PATH,
  withDefaultFonts: false,
  hideClientButton: true,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
})});
`;

const documentText = JSON.stringify(restDocument);
const documentEtag = `"${Bun.hash(documentText).toString(36)}"`;

/**
 * What the gateway answers itself about its REST surface: the OpenAPI 3.1 document at
 * /api/v1/openapi.json and the reference page at /api/docs. Like /health they are the gateway's own,
 * static and cacheable; the operations themselves go through the whole pipeline (app.ts).
 */
export function restEndpoints(): Hono<GatewayHonoEnv> {
  const endpoints = new Hono<GatewayHonoEnv>();
  endpoints.get(REST_DOCUMENT_PATH, (c) => {
    c.set("route", "/api/v1/openapi.json");
    const headers = { etag: documentEtag, "cache-control": "public, max-age=300" };
    // Weakly: the compression step hands the tag out as W/"..." with a coded body.
    if (etagMatches(c.req.header("if-none-match") ?? null, documentEtag)) return c.body(null, 304, headers);
    return c.body(documentText, 200, { ...headers, "content-type": "application/json" });
  });
  // Its CSP is set by the secure headers step (docs-policy.ts).
  endpoints.get("/api/docs", (c) => {
    c.set("route", "/api/docs");
    return c.html(PAGE);
  });
  endpoints.get("/api/docs/init.js", (c) => {
    c.set("route", "/api/docs");
    return c.body(INIT, 200, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=300",
    });
  });
  endpoints.get("/api/docs/scalar.js", (c) => {
    c.set("route", "/api/docs");
    return new Response(Bun.file(SCALAR_BUNDLE), {
      headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=86400" },
    });
  });
  return endpoints;
}
