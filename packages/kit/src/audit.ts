/**
 * The staff audit log (#20): who (user id, email, role) did what (procedure, target id), when (UTC)
 * and the JSON snapshots before and after. Each service keeps its own `audit_log` table (the shared
 * definition `auditLog` in `@mercato/events/tables`, re-exported by its schema) and answers
 * `<svc>.admin.audit.list` with `listAudit`; the web's /admin/audit merges the services by time.
 *
 * `recordAudit(tx, …)` is called by a use case inside the transaction that makes the change, so
 * the change and its record commit or fail together. The actor is the request's verified user
 * (`currentUser()`): an action with no signed-in user (an event handler, a seed, a worker) is no
 * staff action and records nothing.
 */
import { type AnyDatabase, type AnyTx, afterCursor, decodeCursor, keysetPage, type Page } from "@mercato/db";
import { auditLog } from "@mercato/events/tables";
import { and, desc, eq, gte, lte, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { AuthUser } from "./auth.ts";
import { currentRequestId, currentUser } from "./context-store.ts";

export { auditLog };

/** Filters of `<svc>.admin.audit.list`: all optional, newest first, keyset paged. */
export const auditListInput = z
  .object({
    /** A user id or an email (exact). */
    actor: z.string().trim().min(1).max(320).optional(),
    /** A procedure, e.g. `orders.admin.refund`; a trailing `*` matches a prefix (`catalog.*`). */
    action: z.string().trim().min(1).max(200).optional(),
    /** An order id, a SKU, a product id. */
    target: z.string().trim().min(1).max(200).optional(),
    /** UTC ISO instants, inclusive. */
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    cursor: z.string().max(500).optional(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .refine((v) => !v.from || !v.to || Date.parse(v.from) <= Date.parse(v.to), {
    path: ["to"],
    message: "must not be before from",
  });
export type AuditListInput = z.input<typeof auditListInput>;

/** One staff action as the list answers it. */
export interface AuditEntry {
  id: string;
  /** The service whose log holds it. */
  service: string;
  /** UTC ISO. */
  at: string;
  actor: { id: string; email: string; role: string };
  action: string;
  targetId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface AuditRecord {
  /** The procedure, e.g. `inventory.admin.adjust`. */
  action: string;
  targetId: string;
  /** JSON snapshots the use case gives (or the input and the result). */
  before?: unknown;
  after?: unknown;
}

/** Makes a value plain JSON (Dates as ISO strings, undefined dropped) so it stores and reads back alike. */
function plain(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value));
}

/**
 * Records a staff action in the caller's transaction. The actor defaults to the request's user;
 * without one nothing is written (not a staff action). Returns whether a row was written.
 */
export async function recordAudit(
  tx: AnyTx,
  record: AuditRecord,
  actor: Pick<AuthUser, "id" | "email" | "role"> | null = currentUser(),
): Promise<boolean> {
  if (!actor) return false;
  await tx.insert(auditLog).values({
    id: Bun.randomUUIDv7(),
    at: new Date(),
    actorId: actor.id,
    actorEmail: actor.email,
    actorRole: String(actor.role),
    action: record.action,
    targetId: record.targetId,
    before: plain(record.before),
    after: plain(record.after),
    requestId: currentRequestId() ?? null,
  });
  return true;
}

/** A page of a service's audit log, newest first, filtered as `auditListInput` says. */
export async function listAudit(
  db: AnyDatabase,
  service: string,
  input: z.output<typeof auditListInput>,
): Promise<Page<AuditEntry>> {
  const where: (SQL | undefined)[] = [];
  if (input.actor) where.push(or(eq(auditLog.actorId, input.actor), eq(auditLog.actorEmail, input.actor)));
  if (input.action) {
    where.push(
      input.action.endsWith("*")
        ? // A prefix: compared as a range, so `%` or `_` in the text mean nothing special.
          and(
            gte(auditLog.action, input.action.slice(0, -1)),
            lte(auditLog.action, `${input.action.slice(0, -1)}\uffff`),
          )
        : eq(auditLog.action, input.action),
    );
  }
  if (input.target) where.push(eq(auditLog.targetId, input.target));
  if (input.from) where.push(gte(auditLog.at, new Date(input.from)));
  if (input.to) where.push(lte(auditLog.at, new Date(input.to)));
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, ["number", "string"]);
    where.push(afterCursor(auditLog.at, auditLog.id, [new Date(at), id], "desc"));
  }
  const rows = await db.orm
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(input.limit + 1);
  const page = keysetPage(rows, input.limit, (last) => [last.at.getTime(), last.id]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      id: r.id,
      service,
      at: r.at.toISOString(),
      actor: { id: r.actorId, email: r.actorEmail, role: r.actorRole },
      action: r.action,
      targetId: r.targetId,
      before: r.before ?? null,
      after: r.after ?? null,
      requestId: r.requestId,
    })),
  };
}
