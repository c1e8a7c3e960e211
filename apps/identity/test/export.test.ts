// The customers CSV export (#24): identity on real NATS, Redis and libSQL; customers signed up
// over HTTP and (for paging) written into better-auth's user table; the procedure over HTTP.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { everyExportPage } from "@mercato/testing";
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { CUSTOMER_CSV_COLUMNS, EXPORT_PAGE_SIZE } from "../src/contract.ts";
import { user } from "../src/db/schema.ts";
import { DEMO_USERS } from "../src/demo.ts";
import { client, type Identity, jwtFor, signIn, signUp, startIdentity, trpcError, uniqueEmail } from "./harness.ts";

let id: Identity;
let adminJwt: string;
let known: { id: string; email: string };

/** A name a spreadsheet would run as a formula (it opens a link) if it were written as it is. */
const FORMULA_NAME = '=HYPERLINK("https://evil.example","click")';
const BULK = EXPORT_PAGE_SIZE + 5;

const demo = (role: string) => DEMO_USERS.find((u) => u.role === role)!;
const jwtOf = async (role: string) => jwtFor(id.url, await signIn(id.url, demo(role).email, demo(role).password));

const pages = (jwt: string) =>
  everyExportPage((input) => client(id.url, jwt).identity.admin.exports.customers.query(input));

const rowsOf = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

beforeAll(async () => {
  id = await startIdentity();
  adminJwt = await jwtOf("superadmin");
  const email = uniqueEmail("export");
  const session = await signUp(id.url, email, "correct-horse-1", FORMULA_NAME);
  await client(id.url, await jwtFor(id.url, session)).identity.account.preferences.save.mutate({
    marketingConsent: true,
    regionId: null,
    language: null,
    channels: {},
  });
  const [row] = await id.service.deps.db.orm.select({ id: user.id }).from(user).where(eq(user.email, email));
  known = { id: row!.id, email };
  // More customers than a page holds, as better-auth writes them, some at the same millisecond.
  const at = new Date("2026-01-01T00:00:00.000Z");
  await id.service.deps.db.write(async (tx) => {
    for (let i = 0; i < BULK; i++) {
      await tx.insert(user).values({
        id: `bulk-${String(i).padStart(4, "0")}`,
        name: `Bulk ${i}`,
        email: `bulk${i}@export.example`,
        emailVerified: i % 2 === 0,
        createdAt: new Date(at.getTime() + Math.floor(i / 3)),
        updatedAt: at,
        role: "customer",
      });
    }
  });
}, 60_000);

afterAll(() => id?.dispose());

describe("the customers CSV export", () => {
  test("pages through every customer, oldest first, the header on the first page only; no staff", async () => {
    const all = await pages(adminJwt);
    expect(all.length).toBeGreaterThan(1);
    const header = CUSTOMER_CSV_COLUMNS.join(",");
    expect(all[0]!.split("\n")[0]).toBe(header);
    for (const later of all.slice(1)) expect(later.split("\n")[0]).not.toBe(header);
    const rows = rowsOf(all.join(""));
    const ids = rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const bulk = ids.filter((x) => x?.startsWith("bulk-"));
    expect(bulk).toEqual(Array.from({ length: BULK }, (_, i) => `bulk-${String(i).padStart(4, "0")}`));
    expect(rows.map((r) => r.email)).toContain(demo("customer").email);
    for (const staff of DEMO_USERS.filter((u) => u.role !== "customer")) {
      expect(rows.map((r) => r.email)).not.toContain(staff.email);
    }
    expect(rows.find((r) => r.id === "bulk-0003")).toMatchObject({
      email: "bulk3@export.example",
      name: "Bulk 3",
      email_verified: "false",
      created_at: "2026-01-01T00:00:00.001Z",
      marketing_consent: "false",
      marketing_consent_at: "",
      banned: "false",
    });
    // Who took the personal data out is in the audit log: one entry per download, not per page.
    const audit = await client(id.url, adminJwt).identity.admin.audit.list.query({
      action: "identity.admin.exports.customers",
      limit: 100,
    });
    expect(audit.items.length).toBe(1);
    expect(audit.items[0]?.actor.email).toBe(demo("superadmin").email);
  });

  test("a customer's consent and a name that starts like a formula, quoted (OWASP CSV injection)", async () => {
    const rows = rowsOf((await pages(adminJwt)).join(""));
    const row = rows.find((r) => r.id === known.id)!;
    expect(row.email).toBe(known.email);
    expect(row.name).toBe(`'${FORMULA_NAME}`);
    expect(row.marketing_consent).toBe("true");
    expect(row.marketing_consent_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(new Date(row.created_at!).toISOString()).toBe(row.created_at!);
  });

  test("a shopper and staff without customers.read are refused, 403 naming the permission", async () => {
    for (const role of ["customer", "fulfilment", "catalog_editor"]) {
      const refused = await trpcError(
        client(id.url, await jwtOf(role)).identity.admin.exports.customers.query({ cursor: null }),
      );
      expect(refused.data?.httpStatus).toBe(403);
      expect(refused.data?.field).toBe("permission");
      expect(refused.message).toContain('"customers.read"');
    }
    const anonymous = await trpcError(client(id.url).identity.admin.exports.customers.query({ cursor: null }));
    expect(anonymous.data?.httpStatus).toBe(401);
  }, 60_000);
});
