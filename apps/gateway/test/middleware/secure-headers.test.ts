import { describe, expect, test } from "bun:test";
import { secureHeadersMiddleware } from "../../src/middleware/secure-headers.ts";
import { call, tinyApp } from "./helpers.ts";

describe("secure headers middleware", () => {
  test("every answer forbids sniffing, framing and embedding, and asks for HTTPS", async () => {
    const app = tinyApp();
    app.use(secureHeadersMiddleware());
    app.get("/ok", (c) => c.json({ ok: true }));

    for (const res of [await call(app, "/ok"), await call(app, "/missing")]) {
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
      expect(res.headers.get("strict-transport-security")).toContain("max-age");
    }
  });

  test("resources may be embedded cross-origin: the storefront shows /media images from another origin", async () => {
    const app = tinyApp();
    app.use(secureHeadersMiddleware());
    app.get("/media/*", (c) => c.body("<svg/>", 200, { "content-type": "image/svg+xml" }));
    const res = await call(app, "/media/shirt.svg");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
  });
});
