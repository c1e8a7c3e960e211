import type { AnyRouter } from "@trpc/server";
import type { z } from "zod";

export type ProcedureType = "query" | "mutation" | "subscription";
/** Who a procedure is for, read from where it sits in the router (the platform's convention). */
export type Audience = "admin" | "internal" | "shopper";

export interface ProcedureInfo {
  path: string;
  type: ProcedureType;
  audience: Audience;
  /** The zod schemas of every `.input()` of the procedure; the input must satisfy all of them. */
  inputs: z.ZodType[];
  /** For an internal procedure: the callers it admits (the kit keeps them in its meta). */
  callers: readonly string[];
}

interface ProcedureDef {
  type: ProcedureType;
  inputs: unknown[];
  meta?: { internalCallers?: readonly string[] };
}

function isZod(x: unknown): x is z.ZodType {
  return typeof x === "object" && x !== null && "_zod" in x && "safeParse" in x;
}

/** Every procedure of a router, from tRPC's flat procedure record. */
export function proceduresOf(router: AnyRouter): ProcedureInfo[] {
  const record = router._def.procedures as Record<string, { _def: ProcedureDef }>;
  return Object.entries(record).map(([path, proc]) => {
    const segments = path.split(".");
    const audience: Audience = segments.includes("internal")
      ? "internal"
      : segments.includes("admin")
        ? "admin"
        : "shopper";
    const inputs = proc._def.inputs.filter(isZod);
    if (inputs.length !== proc._def.inputs.length) throw new Error(`${path}: an input parser that is not zod`);
    return { path, type: proc._def.type, audience, inputs, callers: proc._def.meta?.internalCallers ?? [] };
  });
}

/** Whether the server would accept this input (after the superjson round trip it travels through). */
export function accepts(proc: ProcedureInfo, input: unknown): boolean {
  return proc.inputs.every((schema) => schema.safeParse(input).success);
}
