import { describe, expect, test } from "bun:test";
import { httpRouteFor, MEDIA_UPLOAD_MAX_BYTES } from "@mercato/registry";
import { bodyLimitMiddleware } from "../../src/middleware/body-limit.ts";
import { call, tinyApp } from "./helpers.ts";

function appWithLimit(maxBytes: number) {
  const app = tinyApp();
  app.use(bodyLimitMiddleware({ maxBytes }));
  const seen: number[] = [];
  app.post("*", async (c) => {
    seen.push((await c.req.arrayBuffer()).byteLength);
    return c.json({ ok: true });
  });
  return { app, seen };
}

describe("body limit middleware", () => {
  test("a body within the limit reaches the next step whole", async () => {
    const { app, seen } = appWithLimit(16);
    const res = await call(app, "/trpc/cart.echo", { method: "POST", body: "x".repeat(16) });
    expect(res.status).toBe(200);
    expect(seen).toEqual([16]);
  });

  test("a body over the limit is a 413 naming the limit, and nothing behind sees it", async () => {
    const { app, seen } = appWithLimit(16);
    const trpc = await call(app, "/trpc/cart.echo", { method: "POST", body: "x".repeat(17) });
    expect(trpc.status).toBe(413);
    expect(await trpc.json()).toMatchObject({
      error: { message: "body: larger than the 16 bytes allowed", code: "PAYLOAD_TOO_LARGE" },
    });
    // A streamed body without Content-Length is counted as it arrives.
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("y".repeat(10)));
        controller.enqueue(new TextEncoder().encode("y".repeat(10)));
        controller.close();
      },
    });
    const streamed = await call(app, "/webhooks/stripe", {
      method: "POST",
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toEqual({ error: { message: "body: larger than the 16 bytes allowed" } });
    expect(seen).toEqual([]);
  });

  test("a route the registry gives its own limit (image uploads) is held to that one, no other", async () => {
    const { app, seen } = appWithLimit(16);
    const upload = await call(app, "/media/products/p-1/images", { method: "POST", body: "x".repeat(64 * 1024) });
    expect(upload.status).toBe(200);
    const ownLimit = httpRouteFor("/media/products/p-1/images", "POST")?.route.maxBodyBytes ?? 0;
    expect(ownLimit).toBeGreaterThan(MEDIA_UPLOAD_MAX_BYTES);
    const over = await call(app, "/media/products/p-1/images", { method: "POST", body: "x".repeat(ownLimit + 1) });
    expect(over.status).toBe(413);
    const trpc = await call(app, "/trpc/catalog.echo", { method: "POST", body: "x".repeat(17) });
    expect(trpc.status).toBe(413);
    expect(seen).toEqual([64 * 1024]);
  });
});
