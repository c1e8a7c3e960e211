// The shop's legal pages (#21): seeded demo text, the public read with its ETag, the staff list
// and save with the content.write permission, refusals naming the field, and the audit entry.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { count, eq } from "drizzle-orm";
import { LEGAL_PAGE_LIMITS, LEGAL_PAGE_SLUGS } from "../src/contract.ts";
import { auditLog, legalPages } from "../src/db/schema.ts";
import { clientFor, failure, startCatalog } from "./helpers.ts";

let h: Awaited<ReturnType<typeof startCatalog>>;
let support: ReturnType<typeof clientFor>;
let manager: ReturnType<typeof clientFor>;

beforeAll(async () => {
  h = await startCatalog();
  support = clientFor(
    h.catalog.url,
    await h.issuer.sign({ sub: "support-1", email: "s@example.com", role: "support" }),
  );
  manager = clientFor(
    h.catalog.url,
    await h.issuer.sign({ sub: "manager-1", email: "m@example.com", role: "manager" }),
  );
}, 30_000);
afterAll(() => h?.dispose());

async function rows() {
  const db = h.catalog.deps.db.orm;
  const [pages] = await db.select({ n: count() }).from(legalPages);
  const [audit] = await db.select({ n: count() }).from(auditLog);
  const all = await db.select().from(legalPages);
  return { pages: pages?.n, audit: audit?.n, all };
}

describe("legal pages", () => {
  test("the demo seed writes all four; the returns page states the 30-day window", async () => {
    for (const slug of LEGAL_PAGE_SLUGS) {
      const page = await h.shop.catalog.pages.bySlug.query({ slug });
      expect(page.slug).toBe(slug);
      expect(page.title.length).toBeGreaterThan(0);
      expect(page.body.length).toBeGreaterThan(100);
      expect(page.updatedAt).toBe("2026-01-01T00:00:00.000Z");
      // The public read does not say which staff member wrote it.
      expect(Object.keys(page).sort()).toEqual(["body", "slug", "title", "updatedAt"]);
    }
    const returns = await h.shop.catalog.pages.bySlug.query({ slug: "returns" });
    expect(returns.body).toContain("30 days from the day they were delivered");
  });

  test("bySlug is shared for a few seconds with an ETag, and an unknown slug is a 400 naming slug", async () => {
    const url = `${h.catalog.url}/trpc/catalog.pages.bySlug?input=${encodeURIComponent(JSON.stringify({ json: { slug: "terms" } }))}`;
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("public, max-age=5, stale-while-revalidate=30");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\/"/);
    // The same page gives the same tag; another page another.
    expect((await fetch(url)).headers.get("etag")).toBe(etag);
    const privacy = await fetch(url.replace("terms", "privacy"));
    expect(privacy.headers.get("etag")).not.toBe(etag);

    const unknown = await failure(h.shop.catalog.pages.bySlug.query({ slug: "cookies" as never }));
    expect(unknown.data?.code).toBe("BAD_REQUEST");
    expect(unknown.data?.field).toBe("slug");
    const save = await failure(
      h.admin.catalog.admin.pages.save.mutate({ slug: "../etc" as never, title: "x", body: "y" }),
    );
    expect(save.data?.field).toBe("slug");
  });

  test("a staff save replaces the page, is seen on the next read, and is audited before and after", async () => {
    const before = await h.shop.catalog.pages.bySlug.query({ slug: "imprint" });
    const body = "**Example Shop Ltd**\n\n<script>alert('x')</script>\n\nEmail: hello@example.com";
    const saved = await manager.catalog.admin.pages.save.mutate({ slug: "imprint", title: "  Legal notice ", body });
    expect(saved).toMatchObject({ slug: "imprint", title: "Legal notice", body, updatedBy: "m@example.com" });

    const shown = await h.shop.catalog.pages.bySlug.query({ slug: "imprint" });
    expect(shown.title).toBe("Legal notice");
    // Stored as written: the storefront renders Markdown without raw HTML, so the script stays text there.
    expect(shown.body).toBe(body);
    expect(Date.parse(shown.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));

    const list = await h.admin.catalog.admin.pages.list.query();
    expect(list.map((e) => e.slug)).toEqual([...LEGAL_PAGE_SLUGS]);
    expect(list.find((e) => e.slug === "imprint")?.page?.updatedBy).toBe("m@example.com");
    expect(list.find((e) => e.slug === "terms")?.page?.updatedBy).toBeNull();

    const audited = await h.admin.catalog.admin.audit.list.query({ action: "catalog.admin.pages.save" });
    expect(audited.items).toHaveLength(1);
    const entry = audited.items[0];
    expect(entry?.targetId).toBe("imprint");
    expect(entry?.actor.email).toBe("m@example.com");
    expect((entry?.before as { title: string } | null)?.title).toBe(before.title);
    expect((entry?.after as { title: string; body: string } | null)?.body).toBe(body);
  });

  test("a customer and a support member are refused (403 naming permission) and nothing is written", async () => {
    const start = await rows();
    for (const who of [h.customer, support]) {
      const list = await failure(who.catalog.admin.pages.list.query());
      expect(list.data?.code).toBe("FORBIDDEN");
      expect(list.data?.field).toBe("permission");
      const save = await failure(who.catalog.admin.pages.save.mutate({ slug: "terms", title: "Mine", body: "Mine" }));
      expect(save.data?.code).toBe("FORBIDDEN");
      expect(save.data?.field).toBe("permission");
    }
    const anonymous = await failure(
      h.shop.catalog.admin.pages.save.mutate({ slug: "terms", title: "Mine", body: "x" }),
    );
    expect(anonymous.data?.code).toBe("UNAUTHORIZED");
    expect(await rows()).toEqual(start);
  });

  test("the body and title are bounded: over the bound is a 400 naming the field, and nothing is written", async () => {
    const start = await rows();
    const long = await failure(
      h.admin.catalog.admin.pages.save.mutate({
        slug: "terms",
        title: "Terms",
        body: "a".repeat(LEGAL_PAGE_LIMITS.bodyMax + 1),
      }),
    );
    expect(long.data?.code).toBe("BAD_REQUEST");
    expect(long.data?.field).toBe("body");
    const empty = await failure(
      h.admin.catalog.admin.pages.save.mutate({ slug: "terms", title: "Terms", body: "   " }),
    );
    expect(empty.data?.field).toBe("body");
    const title = await failure(
      h.admin.catalog.admin.pages.save.mutate({
        slug: "terms",
        title: "t".repeat(LEGAL_PAGE_LIMITS.titleMax + 1),
        body: "b",
      }),
    );
    expect(title.data?.field).toBe("title");
    expect(await rows()).toEqual(start);
    // Exactly the bound is accepted.
    const max = await h.admin.catalog.admin.pages.save.mutate({
      slug: "privacy",
      title: "Privacy",
      body: "b".repeat(LEGAL_PAGE_LIMITS.bodyMax),
    });
    expect(max.body).toHaveLength(LEGAL_PAGE_LIMITS.bodyMax);
    const [row] = await h.catalog.deps.db.orm.select().from(legalPages).where(eq(legalPages.slug, "privacy"));
    expect(row?.body).toHaveLength(LEGAL_PAGE_LIMITS.bodyMax);
  });

  test("a page nobody has written is a 404 naming slug, and the admin's list says so", async () => {
    await h.catalog.deps.db.write((tx) => tx.delete(legalPages).where(eq(legalPages.slug, "returns")));
    const missing = await failure(h.shop.catalog.pages.bySlug.query({ slug: "returns" }));
    expect(missing.data?.code).toBe("NOT_FOUND");
    expect(missing.data?.field).toBe("slug");
    const list = await h.admin.catalog.admin.pages.list.query();
    expect(list.find((e) => e.slug === "returns")?.page).toBeNull();
  });
});
