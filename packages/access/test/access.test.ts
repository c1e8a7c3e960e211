import { describe, expect, test } from "bun:test";
import {
  accessClaimsOf,
  accessOfClaims,
  allRoles,
  BUILT_IN_ROLES,
  can,
  customRoleInput,
  DEFAULT_SUPPORT_REFUND_LIMIT,
  isStaff,
  PERMISSION_IDS,
  permissionsOf,
  type RoleDefinition,
} from "../src/index.ts";

const custom: RoleDefinition = {
  id: "night_shift",
  label: "Night shift",
  permissions: ["orders.read", "orders.fulfil"],
  scope: "all",
  refundLimit: null,
  builtIn: false,
};

describe("roles", () => {
  test("superadmin has every permission, admin all but staff.manage, customer none", () => {
    expect(permissionsOf("superadmin")).toEqual(PERMISSION_IDS);
    expect(permissionsOf("admin")).toEqual(PERMISSION_IDS.filter((p) => p !== "staff.manage"));
    expect(permissionsOf("customer")).toEqual([]);
  });

  test("support refunds up to its limit; fulfilment ships but does not refund; a seller is scoped to its own", () => {
    expect(BUILT_IN_ROLES.support.permissions).toContain("orders.refund");
    expect(BUILT_IN_ROLES.support.refundLimit).toBe(DEFAULT_SUPPORT_REFUND_LIMIT);
    // #22: fulfilment sees the live staff alerts (low stock, stuck orders); support answers the chat.
    expect(BUILT_IN_ROLES.fulfilment.permissions).toEqual([
      "orders.read",
      "orders.fulfil",
      "returns.receive",
      "alerts.read",
    ]);
    expect(BUILT_IN_ROLES.support.permissions).toContain("support.chat");
    expect(BUILT_IN_ROLES.support.permissions).not.toContain("alerts.read");
    expect(BUILT_IN_ROLES.seller.scope).toBe("own");
    expect(BUILT_IN_ROLES.moderator.permissions).toEqual(["customers.read", "customers.ban", "reviews.moderate"]);
  });

  test("an unknown role may do nothing; a custom role gives its own permissions", () => {
    expect(permissionsOf("ghost")).toEqual([]);
    expect(permissionsOf("night_shift", [custom])).toEqual(["orders.read", "orders.fulfil"]);
    expect(allRoles([custom]).map((r) => r.id)).toContain("night_shift");
  });

  test("a custom role may not take a built-in role's name nor an unknown permission", () => {
    expect(customRoleInput.safeParse({ id: "admin", label: "A", permissions: [] }).success).toBe(false);
    expect(customRoleInput.safeParse({ id: "ops", label: "Ops", permissions: ["orders.steal"] }).success).toBe(false);
    expect(customRoleInput.parse({ id: "ops", label: "Ops", permissions: ["orders.read"] })).toMatchObject({
      scope: "all",
      refundLimit: null,
    });
  });
});

describe("claims", () => {
  test("identity's claims round-trip into what a service checks", () => {
    const claims = accessClaimsOf({ id: "u1", role: "support" });
    expect(claims).toEqual({
      role: "support",
      perms: [...BUILT_IN_ROLES.support.permissions],
      rlim: DEFAULT_SUPPORT_REFUND_LIMIT,
    });
    const user = accessOfClaims({ sub: "u1", ...claims });
    expect(user).toEqual({
      role: "support",
      permissions: BUILT_IN_ROLES.support.permissions,
      sellerId: null,
      refundLimit: DEFAULT_SUPPORT_REFUND_LIMIT,
    });
    expect(can(user, "orders.refund")).toBe(true);
    expect(can(user, "catalog.write")).toBe(false);
    expect(isStaff(user)).toBe(true);
  });

  test("a seller's token carries its seller id; the support limit can be overridden", () => {
    expect(accessOfClaims({ sub: "s1", ...accessClaimsOf({ id: "s1", role: "seller" }) }).sellerId).toBe("s1");
    expect(accessClaimsOf({ id: "u", role: "support" }, [], { refundLimit: 2500 }).rlim).toBe(2500);
    expect(accessClaimsOf({ id: "u", role: "support" }, [], { refundLimit: null }).rlim).toBeUndefined();
  });

  test("a token without perms gets its built-in role's; unknown permissions in a token are dropped", () => {
    expect(accessOfClaims({ sub: "a", role: "admin" }).permissions).toEqual(BUILT_IN_ROLES.admin.permissions);
    expect(accessOfClaims({ sub: "a", role: "ghost" }).permissions).toEqual([]);
    expect(accessOfClaims({ sub: "a", role: "x", perms: ["orders.read", "root.everything"] }).permissions).toEqual([
      "orders.read",
    ]);
    expect(can(null, "orders.read")).toBe(false);
    expect(isStaff(accessOfClaims({ sub: "c" }))).toBe(false);
  });
});
