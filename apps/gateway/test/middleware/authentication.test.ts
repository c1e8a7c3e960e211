import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createUserVerifier } from "@mercato/kit";
import { startTestIssuer, type TestIssuer } from "@mercato/testing";
import { authenticationMiddleware, type VerifyUser } from "../../src/middleware/authentication.ts";
import { call, given, tinyApp } from "./helpers.ts";

let issuer: TestIssuer;
let other: TestIssuer;

beforeAll(async () => {
  [issuer, other] = await Promise.all([startTestIssuer(), startTestIssuer()]);
});
afterAll(() => {
  issuer?.stop();
  other?.stop();
});

function appVerifying(verifiers: VerifyUser[], trpc = true, charge?: (ip: string) => Promise<boolean>) {
  const app = tinyApp();
  app.use(
    given({ destination: { service: "catalog", procedures: ["catalog.products.list"], trpc }, clientIp: "10.0.0.1" }),
  );
  app.use(authenticationMiddleware({ verifiers, charge }));
  app.all("*", (c) => c.json({ userId: c.var.userId ?? null }));
  return app;
}

const verifierOf = (i: TestIssuer) =>
  createUserVerifier({ jwksUrl: i.jwksUrl, issuer: i.issuer, audience: i.audience });
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe("authentication middleware", () => {
  test("a verified bearer names the user; no bearer is a guest", async () => {
    const app = appVerifying([verifierOf(issuer)]);
    const token = await issuer.sign({ sub: "user-9", email: "u9@example.com" });
    expect(await (await call(app, "/trpc/catalog.products.list", bearer(token))).json()).toEqual({ userId: "user-9" });
    expect(await (await call(app, "/trpc/catalog.products.list")).json()).toEqual({ userId: null });
  });

  test("a bearer that does not verify is a 401, even on a public procedure", async () => {
    const app = appVerifying([verifierOf(issuer)]);
    const forged = await other.sign({ sub: "admin-1", email: "a@example.com", role: "admin" });
    for (const value of [`Bearer ${forged}`, "Bearer not-a-jwt", "Basic YTpi"]) {
      const res = await call(app, "/trpc/catalog.products.list", { headers: { authorization: value } });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({
        error: { code: "UNAUTHORIZED", json: { data: { httpStatus: 401, field: "authorization" } } },
      });
    }
  });

  test("token checks are charged to the client: a flood of bad tokens is a 429 before any is checked", async () => {
    let left = 2;
    const charged: string[] = [];
    const app = appVerifying([verifierOf(issuer)], true, async (ip) => {
      charged.push(ip);
      return left-- > 0;
    });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(app, "/trpc/catalog.products.list", bearer("a.b.c"))).status);
    expect(statuses).toEqual([401, 401, 429]);
    expect(charged).toEqual(["10.0.0.1", "10.0.0.1", "10.0.0.1"]);
    // Guests send no token and cost no check.
    expect((await call(app, "/trpc/catalog.products.list")).status).toBe(200);
  });

  test("a token that verified is remembered until it expires, not checked again on every call", async () => {
    const verify = verifierOf(issuer);
    let checks = 0;
    const app = appVerifying([
      (t) => {
        checks += 1;
        return verify(t);
      },
    ]);
    const token = await issuer.sign({ sub: "user-5", email: "u5@example.com" });
    for (let i = 0; i < 3; i++) {
      expect(await (await call(app, "/trpc/catalog.products.list", bearer(token))).json()).toEqual({
        userId: "user-5",
      });
    }
    expect(checks).toBe(1);
    // An expired one is checked again (and refused).
    const expired = await issuer.sign({ sub: "user-6", email: "u6@example.com" }, "1s");
    expect((await call(app, "/trpc/catalog.products.list", bearer(expired))).status).toBe(200);
    await Bun.sleep(2_100);
    expect((await call(app, "/trpc/catalog.products.list", bearer(expired))).status).toBe(401);
  });

  test("any of several key sets may vouch for a token", async () => {
    const app = appVerifying([verifierOf(other), verifierOf(issuer)]);
    const token = await issuer.sign({ sub: "user-3", email: "u3@example.com" });
    expect(await (await call(app, "/trpc/catalog.products.list", bearer(token))).json()).toEqual({ userId: "user-3" });
  });

  test("when no key set can be fetched the call fails closed (503), never as a guest", async () => {
    const app = appVerifying([
      createUserVerifier({ jwksUrl: "http://127.0.0.1:1/jwks", issuer: issuer.issuer, audience: issuer.audience }),
    ]);
    const token = await issuer.sign({ sub: "user-4", email: "u4@example.com" });
    const res = await call(app, "/trpc/catalog.products.list", bearer(token));
    expect([401, 503]).toContain(res.status);
    expect(await res.json()).not.toHaveProperty("userId");
  });

  test("plain HTTP routes (better-auth's session bearer) are left to their service", async () => {
    const app = appVerifying([verifierOf(issuer)], false);
    const res = await call(app, "/api/auth/get-session", bearer("session-token"));
    expect(res.status).toBe(200);
  });
});
