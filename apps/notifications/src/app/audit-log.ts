import { type auditListInput, listAudit } from "@mercato/kit/audit";
import type { z } from "zod";
import type { NotificationsDeps } from "../deps.ts";

/** A page of notifications staff audit log (#20), newest first; the web merges every service's. */
export function auditLogPage(deps: Pick<NotificationsDeps, "db">, input: z.output<typeof auditListInput>) {
  return listAudit(deps.db, "notifications", input);
}
