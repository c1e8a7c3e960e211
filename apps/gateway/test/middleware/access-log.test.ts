import { describe, expect, test } from "bun:test";
import { createAccessLog, type Logger, redactPath, shouldLogAccess, traceIdOf } from "@mercato/kit";
import { accessLogMiddleware } from "../../src/middleware/access-log.ts";
import { call, given, tinyApp } from "./helpers.ts";

/** A logger whose lines (as JSON would carry them) are kept in `lines`. */
function capturingLog() {
  const lines: Record<string, unknown>[] = [];
  const keep = (bindings: object) => (fields: object) =>
    lines.push(JSON.parse(JSON.stringify({ ...bindings, ...fields })));
  const log = { child: (bindings: object) => ({ info: keep(bindings), warn: keep(bindings) }) } as unknown as Logger;
  return { log, lines };
}

function appWith(sample: number) {
  const { log, lines } = capturingLog();
  const app = tinyApp();
  app.use(accessLogMiddleware({ accessLog: createAccessLog(log, sample) }));
  app.use(given({ clientIp: "203.0.113.7" }));
  app.get("/api/auth/verify-email", (c) => c.json({ ok: true }));
  app.get("/missing/*", (c) => c.json({ error: "no" }, 404));
  return { app, lines };
}

describe("access log", () => {
  test("a request with a token and an email in its query logs neither, but logs the request", async () => {
    const { app, lines } = appWith(1);
    const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    const res = await call(
      app,
      "/api/auth/verify-email?token=eyJhbGciOiJIUzI1NiJ9.secret-part&email=ann%40example.com",
      {
        headers: { traceparent, authorization: "Bearer eyJhbGciOiJIUzI1NiJ9.secret-part", cookie: "session=abc123" },
      },
    );
    expect(res.status).toBe(200);
    expect(lines).toHaveLength(1);
    const text = JSON.stringify(lines[0]);
    for (const secret of ["eyJhbGciOiJIUzI1NiJ9", "secret-part", "ann", "example.com", "session=abc123", "token="]) {
      expect(text).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      component: "access",
      method: "GET",
      path: "/api/auth/verify-email",
      status: 200,
      traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
      client: "203.0.113.7",
    });
    expect(typeof lines[0]?.requestId).toBe("string");
    expect(typeof lines[0]?.durationMs).toBe("number");
  });

  test("an email or a token in the path is redacted", async () => {
    const { app, lines } = appWith(1);
    await call(app, "/missing/ann@example.com/Zx8s9dK2lQpWm4Rt7YvB3nJc6HfA1eGu");
    expect(lines[0]).toMatchObject({ path: "/missing/[email]/[redacted]", status: 404 });
    expect(redactPath("/orders/0193f0c2-7a1b-7c3d-9e8f-0123456789ab")).toBe(
      "/orders/0193f0c2-7a1b-7c3d-9e8f-0123456789ab",
    );
  });

  test("2xx are sampled; 4xx and 5xx always logged", async () => {
    const { app, lines } = appWith(0);
    await call(app, "/api/auth/verify-email");
    expect(lines).toHaveLength(0);
    await call(app, "/missing/x");
    expect(lines).toHaveLength(1);
    expect(shouldLogAccess(200, 0.5, () => 0.4)).toBe(true);
    expect(shouldLogAccess(200, 0.5, () => 0.6)).toBe(false);
    expect(shouldLogAccess(503, 0, () => 0.99)).toBe(true);
    expect(traceIdOf("garbage")).toBeUndefined();
  });
});
