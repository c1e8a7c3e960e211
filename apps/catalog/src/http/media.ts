import type { Hono } from "hono";
import { placeholderSvg } from "../domain/placeholder-image.ts";

/**
 * `GET /media/<name>.svg`: a placeholder image drawn from the name, so demo products have
 * pictures without fetching anything. The same name always gives the same bytes.
 */
export function mediaRoutes(app: Hono): void {
  app.get("/media/:file{[a-z0-9][a-z0-9-]{0,119}\\.svg}", (c) => {
    const name = c.req.param("file").replace(/\.svg$/, "");
    const title = name.replace(/-/g, " ").replace(/\b\w/g, (ch) => ch.toUpperCase());
    return c.body(placeholderSvg(title), 200, {
      "content-type": "image/svg+xml; charset=utf-8",
      "cache-control": "public, max-age=86400, immutable",
    });
  });
}
