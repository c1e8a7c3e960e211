import { type auditListInput, listAudit } from "@mercato/kit/audit";
import type { z } from "zod";
import type { InventoryDeps } from "../deps.ts";

/** A page of inventory's staff audit log (#20), newest first; the web merges every service's. */
export function auditLogPage(deps: Pick<InventoryDeps, "db">, input: z.output<typeof auditListInput>) {
  return listAudit(deps.db, "inventory", input);
}
