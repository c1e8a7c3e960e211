import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createServiceSigner } from "@mercato/kit";
import { notificationsService } from "@mercato/notifications/service";
import { startTestService, testSigningKey } from "@mercato/testing";
import { forgedAdminTokens } from "./forged.ts";
import { type Platform, quiesce, rowCounts, SERVICE_NAMES, type ServiceName, startPlatform } from "./platform.ts";
import { accepts, type ProcedureInfo, proceduresOf } from "./procedures.ts";
import { type Caller, call, leaksIn, serviceToken, type WireResult } from "./wire.ts";

/**
 * Who may call what, for every procedure of every service, found by walking the routers: admin
 * procedures refuse customers (403) and strangers (401), internal ones refuse anything but a
 * service credential, and no forged token passes for a user anywhere.
 */

let p: Platform;
let forged: { label: string; token: string }[];

beforeAll(async () => {
  p = await startPlatform();
  forged = await forgedAdminTokens(p.issuer);
  await quiesce(Object.values(p.services));
}, 90_000);

afterAll(async () => {
  await p?.dispose();
});

/** An input the procedure's schema refuses, so a call that gets past the guards writes nothing. */
function refusedInput(proc: ProcedureInfo): unknown {
  return [42, null, "input", [1]].find((x) => !accepts(proc, x));
}

const callAs = (service: ServiceName, proc: ProcedureInfo, caller: Caller): Promise<WireResult> =>
  call(p.services[service].url, proc.path, proc.type, refusedInput(proc), caller);

function expectRefused(r: WireResult, status: number, what: string): string | undefined {
  if (r.status === status && leaksIn(r.body).length === 0) return undefined;
  return `${what} → ${r.status} ${r.code ?? ""} ${r.message ?? ""} (expected ${status})`;
}

describe("access control, procedure by procedure", () => {
  for (const service of SERVICE_NAMES) {
    test(`${service}: admin procedures refuse customers and strangers; internal ones need a service credential`, async () => {
      const tokens = p.tokens(service);
      const procedures = proceduresOf(p.services[service].router);
      const problems: string[] = [];
      const before = await rowCounts(p.services[service].db);
      for (const proc of procedures) {
        const at = `${service} ${proc.path}`;
        const asCustomer = await callAs(service, proc, { bearer: tokens.customer });
        // By calling too, not only by name: a procedure answering "Admins only" is an admin one.
        const isAdmin = proc.audience === "admin" || asCustomer.code === "FORBIDDEN";
        if (isAdmin) {
          problems.push(
            ...[
              expectRefused(asCustomer, 403, `${at} as a customer`),
              expectRefused(await callAs(service, proc, {}), 401, `${at} without a token`),
              expectRefused(
                await callAs(service, proc, { serviceToken: await serviceToken("ops", service) }),
                401,
                `${at} with only a service credential`,
              ),
            ].filter((x) => x !== undefined),
          );
          // The refusals are about who asks: the admin gets past them (to the input check).
          const asAdmin = await callAs(service, proc, { bearer: tokens.admin });
          if (asAdmin.status === 401 || asAdmin.status === 403 || asAdmin.status >= 500) {
            problems.push(`${at} as the admin → ${asAdmin.status} ${asAdmin.message ?? ""}`);
          }
        }
        if (proc.audience === "internal") {
          const [allowed] = proc.callers;
          if (!allowed) problems.push(`${at} names no callers`);
          // A real Ed25519 key that no service knows, signing as an admitted caller.
          const unknownKey = await createServiceSigner(
            testSigningKey("not-a-platform-key"),
            allowed ?? "orders",
          )(service);
          const otherService = SERVICE_NAMES.find((n) => n !== service) ?? "orders";
          const callers: [string, Caller][] = [
            ["without credentials", {}],
            ["as a customer", { bearer: tokens.customer }],
            ["as the admin", { bearer: tokens.admin }],
            ["with a credential signed by a key the platform does not know", { serviceToken: unknownKey }],
            [
              `with ${allowed}'s credential for ${otherService} (another audience)`,
              { serviceToken: await serviceToken(allowed ?? "orders", otherService) },
            ],
            ["with a user token as the credential", { serviceToken: tokens.admin }],
          ];
          for (const [label, caller] of callers) {
            const refused = expectRefused(await callAs(service, proc, caller), 401, `${at} ${label}`);
            if (refused) problems.push(refused);
          }
          // Every internal procedure names its callers; one of them gets past the door, any other
          // service (or an unknown name) gets 403.
          const asService = await callAs(service, proc, { serviceToken: await serviceToken(allowed ?? "", service) });
          if (asService.status === 401 || asService.status === 403 || asService.status >= 500) {
            problems.push(`${at} as ${allowed} → ${asService.status} ${asService.message ?? ""}`);
          }
          for (const stranger of [...SERVICE_NAMES, "ops"].filter((n) => !proc.callers.includes(n as never))) {
            const refused = expectRefused(
              await callAs(service, proc, { serviceToken: await serviceToken(stranger, service) }),
              403,
              `${at} as ${stranger}`,
            );
            if (refused) problems.push(refused);
          }
        }
      }
      expect(problems).toEqual([]);
      // Nothing a refused caller sent changed anything.
      expect(await rowCounts(p.services[service].db)).toEqual(before);
      expect(procedures.some((x) => x.audience === "admin")).toBe(true);
    }, 60_000);
  }

  test("no forged token passes for a user: every procedure that needs one answers 401", async () => {
    const problems: string[] = [];
    let guarded = 0;
    for (const service of SERVICE_NAMES) {
      for (const proc of proceduresOf(p.services[service].router)) {
        if (proc.audience === "internal") continue;
        // A procedure that refuses strangers needs a user; public ones answer anyone.
        const anonymous = await callAs(service, proc, {});
        if (anonymous.status !== 401) continue;
        guarded += 1;
        for (const { label, token } of forged) {
          // Identity trusts only its own keys: the test issuer's tokens are forgeries to it too.
          const refused = expectRefused(await callAs(service, proc, { bearer: token }), 401, `${proc.path} ${label}`);
          if (refused) problems.push(refused);
        }
      }
    }
    expect(guarded).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  }, 60_000);

  test("a forged admin token on a public procedure is treated as no user, never as an admin", async () => {
    const bySlug = { path: "catalog.products.bySlug", type: "query" as const };
    for (const { token } of forged) {
      const r = await call(
        p.services.catalog.url,
        bySlug.path,
        bySlug.type,
        { slug: "no-such-product" },
        { bearer: token },
      );
      // Admins get a private answer; an unverified token must not unlock it.
      expect(r.status).toBe(404);
    }
    const cart = await call(p.services.cart.url, "cart.get", "query", {}, { bearer: forged[0]?.token });
    // The cart refuses a bad token outright rather than showing a guest cart.
    expect(cart.status).toBe(401);
  });
});

describe("the dev mailbox in production", () => {
  test("is for admins only: 401 without a token, 403 for a customer", async () => {
    const prod = await startTestService(notificationsService, {
      service: "notifications",
      nats: p.nats,
      redis: p.redis,
      issuer: p.issuer,
      env: {
        NODE_ENV: "production",
        EMAIL_TRANSPORT: "mailbox",
        ALLOW_MAILBOX_EMAIL: "true",
        MAILBOX_API: "false",
        SMS_TRANSPORT: "off",
        WEB_PUSH: "false",
      },
    });
    try {
      const customer = p.tokens("notifications").customer;
      for (const path of ["notifications.mailbox.list", "notifications.mailbox.byId"]) {
        const input = path.endsWith("byId") ? { id: "x" } : {};
        expect((await call(prod.url, path, "query", input)).status).toBe(401);
        expect((await call(prod.url, path, "query", input, { bearer: customer })).status).toBe(403);
        const admin = await call(prod.url, path, "query", input, { bearer: p.tokens("notifications").admin });
        expect([200, 404]).toContain(admin.status);
      }
    } finally {
      await prod.dispose();
    }
  }, 30_000);
});
