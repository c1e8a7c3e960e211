import { currentUser } from "@mercato/kit";
import { recordAudit } from "@mercato/kit/audit";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { AdminLegalPage, saveLegalPageInput } from "../contract.ts";
import { legalPages } from "../db/schema.ts";
import type { CatalogTx } from "../db/tx.ts";
import type { CatalogDeps } from "../deps.ts";
import { adminPage } from "./read-legal-pages.ts";

type SaveLegalPage = z.output<typeof saveLegalPageInput>;

/**
 * Writes a legal page whole (creating it the first time). What the shop promises its customers is
 * a staff action worth a record: each save is audited with the page before and after.
 */
export function saveLegalPage(deps: Pick<CatalogDeps, "db">, input: SaveLegalPage): Promise<AdminLegalPage> {
  return deps.db.write((tx) => saveLegalPageIn(tx, input, currentUser()?.email ?? null));
}

/** The same inside a transaction; the demo seed writes with `updatedBy` null. */
export async function saveLegalPageIn(
  tx: CatalogTx,
  input: SaveLegalPage,
  updatedBy: string | null,
  at: Date = new Date(),
): Promise<AdminLegalPage> {
  const [current] = await tx.select().from(legalPages).where(eq(legalPages.slug, input.slug));
  const row = { slug: input.slug, title: input.title, body: input.body, updatedAt: at, updatedBy };
  await tx
    .insert(legalPages)
    .values(row)
    .onConflictDoUpdate({
      target: legalPages.slug,
      set: { title: row.title, body: row.body, updatedAt: at, updatedBy },
    });
  const saved = adminPage(row);
  await recordAudit(tx, {
    action: "catalog.admin.pages.save",
    targetId: input.slug,
    before: current ? adminPage(current) : null,
    after: saved,
  });
  return saved;
}
