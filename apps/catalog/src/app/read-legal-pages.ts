import { notFound } from "@mercato/kit/errors";
import { eq } from "drizzle-orm";
import {
  type AdminLegalPage,
  type AdminLegalPageEntry,
  LEGAL_PAGE_LABELS,
  LEGAL_PAGE_SLUGS,
  type LegalPage,
  type LegalPageSlug,
} from "../contract.ts";
import { legalPages } from "../db/schema.ts";
import type { CatalogDeps } from "../deps.ts";

type Row = typeof legalPages.$inferSelect;

function publicPage(row: Row): LegalPage {
  return { slug: row.slug, title: row.title, body: row.body, updatedAt: row.updatedAt.toISOString() };
}

export function adminPage(row: Row): AdminLegalPage {
  return { ...publicPage(row), updatedBy: row.updatedBy };
}

/** One legal page as the storefront shows it; 404 naming `slug` when nobody has written it yet. */
export async function legalPageBySlug(deps: Pick<CatalogDeps, "db">, slug: LegalPageSlug): Promise<LegalPage> {
  const [row] = await deps.db.orm.select().from(legalPages).where(eq(legalPages.slug, slug));
  if (!row) throw notFound("slug", `the page "${slug}" has not been written yet`);
  return publicPage(row);
}

/** Every legal page slug in the contract's order, with the page when it has been written. */
export async function listLegalPagesForAdmin(deps: Pick<CatalogDeps, "db">): Promise<AdminLegalPageEntry[]> {
  const rows = await deps.db.orm.select().from(legalPages);
  const bySlug = new Map(rows.map((r) => [r.slug, r]));
  return LEGAL_PAGE_SLUGS.map((slug) => {
    const row = bySlug.get(slug);
    return { slug, label: LEGAL_PAGE_LABELS[slug], page: row ? adminPage(row) : null };
  });
}
