import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { BUILT_IN_ROLE_IDS, type BuiltInRole, DEFAULT_SUPPORT_REFUND_LIMIT, permissionsOf } from "@mercato/access";
import { DEMO_USERS } from "@mercato/identity/demo";
import { SERVICE_NAMES } from "@mercato/registry";
import { signIn, startPlatform, type TestPlatform } from "@mercato/testing";
import { allStaffProcedures, documentedTable, permissionTable, type StaffProcedure } from "./permission-table.ts";
import { accepts, proceduresOf } from "./procedures.ts";
import { call } from "./wire.ts";

/**
 * The permission matrix (#20), generated from the declarations: every staff procedure of every
 * service × every built-in role, called through the gateway with the role's real token (its demo
 * user signs in at identity), is allowed (anything but 401/403) or refused with 403 naming the
 * permission — exactly as `permissionsOf(role)` says. Inputs are ones the schema refuses, so an
 * allowed call stops at validation (400) and writes nothing.
 */

let p: TestPlatform<(typeof SERVICE_NAMES)[number], (typeof SERVICE_NAMES)[number]>;
let gateway: string;
const tokens = new Map<BuiltInRole, string>();
let procedures: (StaffProcedure & { input: unknown })[];

beforeAll(async () => {
  p = await startPlatform({
    inProcess: SERVICE_NAMES,
    seedDemo: ["identity", "catalog"],
    gateway: true,
    env: {
      identity: { TRUST_PROXY: "true" },
      gateway: {
        LOG_LEVEL: "silent",
        RATE_LIMIT_IP: "100000",
        RATE_LIMIT_READ: "100000",
        RATE_LIMIT_USER: "100000",
        RATE_LIMIT_SENSITIVE: "1000",
      },
    },
  });
  gateway = p.gateway?.url ?? "";
  if (!gateway) throw new Error("the gateway did not start");
  for (const role of BUILT_IN_ROLE_IDS) {
    const demo = DEMO_USERS.find((u) => u.role === role);
    if (!demo) throw new Error(`identity seeds no demo ${role}`);
    const session = await signIn(gateway, { email: demo.email, password: demo.password });
    const token = await session.getToken();
    if (!token) throw new Error(`${role}: no token after sign-in`);
    tokens.set(role, token);
  }
  const declared = await allStaffProcedures();
  procedures = declared.map((proc) => {
    const router = p.inProcess[proc.service]?.router;
    const info = router ? proceduresOf(router).find((x) => x.path === proc.path) : undefined;
    if (!info) throw new Error(`${proc.path} not found in the running ${proc.service}`);
    // An input the schema refuses (none for a procedure without input).
    const input = info.inputs.length === 0 ? undefined : [42, null, "input", [1]].find((x) => !accepts(info, x));
    return { ...proc, input };
  });
}, 120_000);

afterAll(async () => {
  await p?.dispose();
});

describe("permission matrix", () => {
  test("docs/SECURITY.md's table is the declarations", async () => {
    expect(documentedTable()).toBe(permissionTable(await allStaffProcedures()));
  });

  for (const role of BUILT_IN_ROLE_IDS) {
    test(`${role}: every staff procedure allowed or 403 exactly as declared`, async () => {
      const token = tokens.get(role);
      expect(token).toBeDefined();
      expect(procedures.length).toBeGreaterThan(30);
      const problems: string[] = [];
      for (const proc of procedures) {
        const r = await call(gateway, proc.path, proc.type, proc.input, { bearer: token });
        const allowed = permissionsOf(role).includes(proc.permission);
        if (allowed && (r.status === 401 || r.status === 403 || r.status >= 500)) {
          problems.push(
            `${proc.path} (${proc.permission}) as ${role} → ${r.status} ${r.message ?? ""}, expected allowed`,
          );
        }
        if (!allowed && (r.status !== 403 || !r.message?.includes(`"${proc.permission}"`))) {
          problems.push(`${proc.path} (${proc.permission}) as ${role} → ${r.status} ${r.message ?? ""}, expected 403`);
        }
      }
      expect(problems).toEqual([]);
    }, 120_000);
  }

  test("support refunds under its limit (past the guard) and is refused over it, naming amount", async () => {
    const token = tokens.get("support");
    const refund = (amount: number) =>
      call(
        gateway,
        "orders.admin.refund",
        "mutation",
        { orderId: "no-such-order", amount, reason: "test" },
        { bearer: token },
      );
    const over = await refund(DEFAULT_SUPPORT_REFUND_LIMIT + 1);
    expect(over.status).toBe(403);
    expect(over.message).toStartWith("amount:");
    expect(over.message).toContain(String(DEFAULT_SUPPORT_REFUND_LIMIT));
    // Under the limit the refund goes on to the order (there is none: 404), not a refusal.
    expect((await refund(DEFAULT_SUPPORT_REFUND_LIMIT)).status).toBe(404);
    // A manager has no limit.
    const manager = await call(
      gateway,
      "orders.admin.refund",
      "mutation",
      { orderId: "no-such-order", amount: 10 * DEFAULT_SUPPORT_REFUND_LIMIT, reason: "test" },
      { bearer: tokens.get("manager") },
    );
    expect(manager.status).toBe(404);
  });
});
