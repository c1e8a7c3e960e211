import { afterCursor, decodeCursor, keysetPage } from "@mercato/db";
import { recordAudit } from "@mercato/kit/audit";
import { csvPage } from "@mercato/kit/csv-export";
import { and, asc, eq, isNull, or } from "drizzle-orm";
import { CUSTOMER_CSV_COLUMNS, EXPORT_PAGE_SIZE, type ExportPage } from "../contract.ts";
import { user, userPreferences } from "../db/schema.ts";
import type { IdentityDeps } from "../deps.ts";

/**
 * One page of the customers CSV export (#24): customers only (staff accounts are not in it),
 * oldest first and paged by (created at, id), so people signing up while it downloads are added at
 * its end; the header is on the first page. Personal data: the procedure is for staff holding
 * `customers.read` (docs/SECURITY.md, "CSV exports and personal data"), and each download is in
 * the audit log (one entry, on its first page). A shopper who never opened their preferences has
 * given no marketing consent.
 */
export async function exportCustomersPage(deps: Pick<IdentityDeps, "db">, cursor: string | null): Promise<ExportPage> {
  const key = cursor ? decodeCursor(cursor, ["number", "string"]) : null;
  const rows = await deps.db.orm
    .select({
      id: user.id,
      email: user.email,
      name: user.name,
      emailVerified: user.emailVerified,
      createdAt: user.createdAt,
      banned: user.banned,
      marketingConsent: userPreferences.marketingConsent,
      marketingConsentAt: userPreferences.marketingConsentAt,
    })
    .from(user)
    .leftJoin(userPreferences, eq(userPreferences.userId, user.id))
    .where(
      and(
        or(eq(user.role, "customer"), isNull(user.role)),
        key ? afterCursor(user.createdAt, user.id, [new Date(key[0]), key[1]], "asc") : undefined,
      ),
    )
    .orderBy(asc(user.createdAt), asc(user.id))
    .limit(EXPORT_PAGE_SIZE + 1);
  const page = keysetPage(rows, EXPORT_PAGE_SIZE, (last) => [last.createdAt.getTime(), last.id]);
  const records = page.items.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    email_verified: row.emailVerified,
    created_at: row.createdAt.toISOString(),
    marketing_consent: row.marketingConsent ?? false,
    marketing_consent_at: row.marketingConsentAt?.toISOString() ?? null,
    banned: row.banned ?? false,
  }));
  if (cursor === null) {
    await deps.db.write((tx) =>
      recordAudit(tx, { action: "identity.admin.exports.customers", targetId: "customers", after: { format: "csv" } }),
    );
  }
  return { csv: csvPage(CUSTOMER_CSV_COLUMNS, records, cursor === null), nextCursor: page.nextCursor };
}
