/**
 * Staff roles and permissions (issue #20). Pure (zod only): services check a procedure's
 * permission with it (kit's `staffProcedure("orders.refund")`), identity resolves a user's role
 * into the permissions its JWT carries, and the web hides what a role may not do with `can()`.
 *
 * A permission names one capability. A role is a set of permissions with a scope: "all" (staff
 * of the shop) or "own" (a seller: the same capabilities, limited to its own products, stock and
 * order lines — the service checks `user.sellerId`). Built-in roles are defined here; custom
 * roles are composed by a superadmin and stored by identity (same shape, `builtIn: false`).
 */
import { z } from "zod";

// ── Permissions ─────────────────────────────────────────────────────────────────────────────
/** Every permission, with the label the admin panel shows next to its checkbox. */
export const PERMISSIONS = {
  "catalog.write": "Create and edit products, categories and prices",
  "inventory.adjust": "Adjust stock and manage warehouses",
  "orders.read": "See orders and their payments",
  "orders.fulfil": "Ship and deliver orders",
  "orders.refund": "Refund payments",
  "orders.cancel": "Cancel orders",
  "returns.manage": "Approve, reject and refund returns",
  "returns.receive": "Receive returned parcels",
  "customers.read": "See customers and their details",
  "customers.ban": "Ban and unban customers",
  "customers.delete": "Delete customer accounts",
  "reviews.moderate": "Moderate product reviews",
  "discounts.write": "Create and edit discount codes",
  "giftcards.manage": "Issue, disable and adjust gift cards, and read their ledger",
  "regions.write": "Edit regions, currencies and taxes",
  "staff.manage": "Invite staff, assign roles, edit custom roles",
  "audit.read": "Read the audit log",
  "analytics.read": "See sales analytics",
  "settings.write": "Change shop settings",
  "content.write": "Edit the shop's legal pages (terms, privacy, returns, imprint)",
  "mailbox.read": "Read the outgoing mailbox",
  "alerts.read": "See and acknowledge live staff alerts",
  "support.chat": "Answer shoppers in the support chat",
  "webhooks.manage": "Manage webhook endpoints for integrators, see and redeliver their deliveries",
} as const satisfies Record<string, string>;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_IDS = Object.keys(PERMISSIONS) as [Permission, ...Permission[]];
export const permissionSchema = z.enum(PERMISSION_IDS);

export function isPermission(value: unknown): value is Permission {
  return typeof value === "string" && Object.hasOwn(PERMISSIONS, value);
}

/** The permissions of a list that exist, deduplicated, in PERMISSIONS order (unknown ones dropped). */
export function knownPermissions(values: readonly unknown[]): Permission[] {
  const wanted = new Set(values.filter(isPermission));
  return PERMISSION_IDS.filter((p) => wanted.has(p));
}

// ── Roles ───────────────────────────────────────────────────────────────────────────────────
export const ROLE_SCOPES = ["all", "own"] as const;
export type RoleScope = (typeof ROLE_SCOPES)[number];

export interface RoleDefinition {
  id: string;
  label: string;
  permissions: readonly Permission[];
  /** "own": a seller, limited to its own records (the token carries `sellerId`). */
  scope: RoleScope;
  /** The most one refund may be, in minor units; null = no limit. Only meaningful with orders.refund. */
  refundLimit: number | null;
  builtIn: boolean;
}

/** Support's default refund limit (minor units: 100.00 in the shop's currency); identity may override it. */
export const DEFAULT_SUPPORT_REFUND_LIMIT = 10_000;

const ALL = PERMISSION_IDS;

function role(
  id: string,
  label: string,
  permissions: readonly Permission[],
  opts: { scope?: RoleScope; refundLimit?: number | null } = {},
): RoleDefinition {
  return {
    id,
    label,
    permissions: knownPermissions(permissions),
    scope: opts.scope ?? "all",
    refundLimit: opts.refundLimit ?? null,
    builtIn: true,
  };
}

export const BUILT_IN_ROLE_IDS = [
  "superadmin",
  "admin",
  "manager",
  "support",
  "fulfilment",
  "catalog_editor",
  "moderator",
  "seller",
  "customer",
] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLE_IDS)[number];

export const BUILT_IN_ROLES: Readonly<Record<BuiltInRole, RoleDefinition>> = {
  superadmin: role("superadmin", "Superadmin", ALL),
  admin: role(
    "admin",
    "Admin",
    ALL.filter((p) => p !== "staff.manage"),
  ),
  manager: role("manager", "Manager", [
    "catalog.write",
    "inventory.adjust",
    "orders.read",
    "orders.fulfil",
    "orders.refund",
    "orders.cancel",
    "returns.manage",
    "returns.receive",
    "customers.read",
    "customers.ban",
    "reviews.moderate",
    "discounts.write",
    "giftcards.manage",
    "analytics.read",
    "mailbox.read",
    "content.write",
    "alerts.read",
    "support.chat",
  ]),
  support: role(
    "support",
    "Support",
    [
      "customers.read",
      "orders.read",
      "orders.refund",
      "orders.cancel",
      "returns.manage",
      "returns.receive",
      "support.chat",
    ],
    { refundLimit: DEFAULT_SUPPORT_REFUND_LIMIT },
  ),
  fulfilment: role("fulfilment", "Fulfilment", ["orders.read", "orders.fulfil", "returns.receive", "alerts.read"]),
  catalog_editor: role("catalog_editor", "Catalog editor", ["catalog.write", "inventory.adjust"]),
  moderator: role("moderator", "Moderator", ["reviews.moderate", "customers.read", "customers.ban"]),
  seller: role("seller", "Seller", ["catalog.write", "inventory.adjust", "orders.read", "orders.fulfil"], {
    scope: "own",
  }),
  customer: role("customer", "Customer", []),
};

export function isBuiltInRole(value: unknown): value is BuiltInRole {
  return typeof value === "string" && (BUILT_IN_ROLE_IDS as readonly string[]).includes(value);
}

/** A custom role's id: lower-case words joined by `_`, never a built-in role's. */
export const roleIdSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, "lower-case letters, digits and _ (2 to 40), starting with a letter");

/** A custom role as a superadmin composes it (identity stores it). */
export const customRoleInput = z.object({
  id: roleIdSchema.refine((id) => !isBuiltInRole(id), "a built-in role's name"),
  label: z.string().trim().min(1).max(60),
  permissions: z.array(permissionSchema).max(PERMISSION_IDS.length),
  scope: z.enum(ROLE_SCOPES).default("all"),
  refundLimit: z.number().int().min(0).nullable().default(null),
});
export type CustomRoleInput = z.input<typeof customRoleInput>;

export const roleDefinition = z.object({
  id: z.string(),
  label: z.string(),
  permissions: z.array(permissionSchema).readonly(),
  scope: z.enum(ROLE_SCOPES),
  refundLimit: z.number().int().nullable(),
  builtIn: z.boolean(),
});

/** The role named `id`: a built-in one, else a custom one of the list; undefined when unknown. */
export function roleOf(id: string, customRoles: readonly RoleDefinition[] = []): RoleDefinition | undefined {
  if (isBuiltInRole(id)) return BUILT_IN_ROLES[id];
  return customRoles.find((r) => r.id === id);
}

/** What a role may do; an unknown role may do nothing (fails closed). */
export function permissionsOf(roleId: string, customRoles: readonly RoleDefinition[] = []): readonly Permission[] {
  return roleOf(roleId, customRoles)?.permissions ?? [];
}

/** Every role a superadmin can assign: the built-in ones, then the custom ones. */
export function allRoles(customRoles: readonly RoleDefinition[] = []): RoleDefinition[] {
  return [...BUILT_IN_ROLE_IDS.map((id) => BUILT_IN_ROLES[id]), ...customRoles.filter((r) => !isBuiltInRole(r.id))];
}

// ── Checks ──────────────────────────────────────────────────────────────────────────────────
/** The part of a signed-in user the checks read (kit's AuthUser, the web's session user). */
export interface AccessSubject {
  role: string;
  permissions: readonly string[];
  sellerId?: string | null;
  refundLimit?: number | null;
}

/** True when the user holds the permission. No user, no permission. */
export function can(user: AccessSubject | null | undefined, permission: Permission): boolean {
  return !!user && user.permissions.includes(permission);
}

/** True when the user holds at least one staff permission (may open the admin panel). */
export function isStaff(user: AccessSubject | null | undefined): boolean {
  return !!user && user.permissions.some(isPermission);
}

/** True when the user's access is limited to its own records (a seller). */
export function isScopedToOwn(user: AccessSubject | null | undefined): boolean {
  return !!user?.sellerId;
}

/** The claims identity puts in a JWT for a role (names kept short: every request carries them). */
export interface AccessClaims {
  role: string;
  perms: Permission[];
  /** The seller the user acts for (role scope "own"); absent otherwise. */
  sel?: string;
  /** The refund limit in minor units; absent = none. */
  rlim?: number;
}

/** The access claims of a user with `roleId`: what identity's definePayload adds. */
export function accessClaimsOf(
  user: { id: string; role: string | null | undefined },
  customRoles: readonly RoleDefinition[] = [],
  overrides: { refundLimit?: number | null } = {},
): AccessClaims {
  const roleId = user.role || "customer";
  const def = roleOf(roleId, customRoles);
  if (!def) return { role: roleId, perms: [] };
  const refundLimit =
    overrides.refundLimit !== undefined && roleId === "support" ? overrides.refundLimit : def.refundLimit;
  return {
    role: roleId,
    perms: [...def.permissions],
    ...(def.scope === "own" ? { sel: user.id } : {}),
    ...(refundLimit !== null && def.permissions.includes("orders.refund") ? { rlim: refundLimit } : {}),
  };
}

/**
 * The access of a verified token's claims. A token without `perms` (issued before roles had
 * permissions, or by a test issuer) gets its built-in role's; claims of unknown permissions are dropped.
 */
export function accessOfClaims(claims: {
  sub: string;
  role?: unknown;
  perms?: unknown;
  sel?: unknown;
  rlim?: unknown;
}): { role: string; permissions: readonly Permission[]; sellerId: string | null; refundLimit: number | null } {
  const roleId = typeof claims.role === "string" && claims.role ? claims.role : "customer";
  const builtIn = isBuiltInRole(roleId) ? BUILT_IN_ROLES[roleId] : undefined;
  const permissions = Array.isArray(claims.perms) ? knownPermissions(claims.perms) : (builtIn?.permissions ?? []);
  const sellerId =
    typeof claims.sel === "string" && claims.sel ? claims.sel : builtIn?.scope === "own" ? claims.sub : null;
  const refundLimit =
    typeof claims.rlim === "number" && Number.isInteger(claims.rlim) && claims.rlim >= 0
      ? claims.rlim
      : Array.isArray(claims.perms)
        ? null
        : (builtIn?.refundLimit ?? null);
  return { role: roleId, permissions, sellerId, refundLimit };
}

/** What a signed-in user may do, as a service saw it in the verified token (`identity.myAccess`). */
export const accessView = z.object({
  role: z.string(),
  permissions: z.array(permissionSchema),
  sellerId: z.string().nullable(),
  refundLimit: z.number().int().nullable(),
});
export type AccessView = z.infer<typeof accessView>;

/** `identity.admin.roles.setSupportRefundLimit`: minor units, null = no limit. */
export const refundLimitInput = z.object({ refundLimit: z.number().int().min(0).max(1_000_000_000).nullable() });
export const roleIdInput = z.object({ id: z.string().trim().min(1).max(40) });

// ── Demo sellers ────────────────────────────────────────────────────────────────────────────
/**
 * The demo sellers (#20), with stable user ids: identity's demo seed creates these users with
 * exactly these ids (so their tokens' `sel` is the id), and the catalog's demo seed makes each the
 * owner of one seeded product (by slug). Only the demo data uses them.
 */
export const DEMO_SELLERS = [
  { id: "demo-seller-sol", email: "seller@mercato.dev", productSlug: "the-quiet-harbour" },
  { id: "demo-seller-nia", email: "seller2@mercato.dev", productSlug: "a-field-guide-to-alpine-flowers" },
] as const;
