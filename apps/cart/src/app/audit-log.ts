import { type auditListInput, listAudit } from "@mercato/kit/audit";
import type { z } from "zod";
import type { CartDeps } from "../deps.ts";

/** A page of cart's staff audit log (#20), newest first; the web merges every service's. */
export function auditLogPage(deps: Pick<CartDeps, "db">, input: z.output<typeof auditListInput>) {
  return listAudit(deps.db, "cart", input);
}
