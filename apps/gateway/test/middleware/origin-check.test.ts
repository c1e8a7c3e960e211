import { describe, expect, test } from "bun:test";
import { originCheckMiddleware } from "../../src/middleware/origin-check.ts";
import { call, tinyApp } from "./helpers.ts";

function appFor(allowedOrigins: string[]) {
  const app = tinyApp();
  app.use(originCheckMiddleware({ allowedOrigins }));
  let reached = 0;
  app.all("*", (c) => {
    reached += 1;
    return c.json({ ok: true });
  });
  return { app, reached: () => reached };
}

describe("origin check middleware", () => {
  test("an allowed origin gets CORS headers with credentials, on preflights and on answers", async () => {
    const { app } = appFor(["http://localhost:3000"]);
    const preflight = await call(app, "/trpc/cart.get", {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:3000",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect(preflight.headers.get("access-control-allow-credentials")).toBe("true");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("authorization,content-type");
    expect(preflight.headers.get("access-control-max-age")).toBe("600");

    const answer = await call(app, "/trpc/cart.get", { headers: { origin: "http://localhost:3000" } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect(answer.headers.get("access-control-expose-headers")).toBe(
      "x-request-id,set-auth-token,retry-after,x-cache,etag",
    );
    expect(answer.headers.get("vary")).toContain("Origin");
  });

  test("a foreign origin is refused with 403 naming it, before anything behind runs", async () => {
    const { app, reached } = appFor(["http://localhost:3000"]);
    const trpc = await call(app, "/trpc/orders.checkout", {
      method: "POST",
      headers: { origin: "https://evil.example" },
    });
    expect(trpc.status).toBe(403);
    expect(trpc.headers.get("access-control-allow-origin")).toBeNull();
    // On tRPC paths the refusal is also a tRPC error shape, so a typed client reads the message.
    expect(await trpc.json()).toMatchObject({
      error: { message: "origin: https://evil.example is not allowed", code: "FORBIDDEN" },
    });
    const auth = await call(app, "/api/auth/sign-in/email", {
      method: "POST",
      headers: { origin: "https://evil.example" },
    });
    expect(auth.status).toBe(403);
    expect(await auth.json()).toEqual({ error: { message: "origin: https://evil.example is not allowed" } });
    expect(reached()).toBe(0);
  });

  test("a request without Origin (a server, Stripe) passes without CORS headers", async () => {
    const { app, reached } = appFor(["http://localhost:3000"]);
    const res = await call(app, "/webhooks/stripe", { method: "POST" });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(reached()).toBe(1);
  });
});
