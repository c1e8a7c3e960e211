// Writes lib/admin/api-catalog.gen.json: every tRPC procedure of the platform with its type, its
// kind (public, authed, admin, internal...) and its input as JSON Schema, for the admin's API
// explorer. The browser cannot see zod schemas through the client's types, and the web app must
// not load service code at run time, so the list is made here, in Bun, from the routers' source,
// and committed. test/admin.test.ts checks that regenerating gives the same file.
//
//   bun apps/web/scripts/gen-api-catalog.ts           write the file
//   bun apps/web/scripts/gen-api-catalog.ts --stdout  print it instead
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { SERVICE_NAMES } from "@mercato/registry";
import { z } from "zod";
import type { ApiCatalog, ApiProcedure, ProcedureType } from "../lib/admin/api-catalog.ts";

export const CATALOG_FILE = join(import.meta.dir, "../lib/admin/api-catalog.gen.json");

/** The parts of tRPC's runtime definitions read here (tRPC does not export them as stable types). */
interface ProcedureDef {
  type: ProcedureType;
  inputs: unknown[];
  middlewares: unknown[];
  /** The kit's meta: an internal procedure names the callers it admits, a staff one its permission. */
  meta?: { internalCallers?: readonly string[]; permission?: string };
}
interface Definable {
  _def: ProcedureDef;
}

function isDefinable(value: unknown): value is Definable {
  return (typeof value === "object" || typeof value === "function") && value !== null && "_def" in value;
}

/** Service code is loaded by a computed path so the web app's type-check never compiles it. */
async function load(path: string): Promise<Record<string, unknown>> {
  return (await import(path)) as Record<string, unknown>;
}

/** A service's router (from its `@mercato/<name>/service` definition) and its procedure builders. */
async function loadService(name: string): Promise<{ router: Definable; trpc: Record<string, unknown> }> {
  const serviceFile = Bun.resolveSync(`@mercato/${name}/service`, import.meta.dir);
  const definition = (await load(serviceFile))[`${name}Service`] as { def?: { router?: unknown } } | undefined;
  const router = definition?.def?.router;
  if (!isDefinable(router))
    throw new Error(`${name}: @mercato/${name}/service exports no ${name}Service with a router`);
  // The procedure builders live beside the service definition (src/trpc.ts).
  return { router, trpc: await load(join(dirname(serviceFile), "trpc.ts")) };
}

/**
 * A procedure's kind is the procedure builder it was made from: its middlewares begin with that
 * builder's. The most specific match wins (shopperProcedure extends publicProcedure).
 */
function kindOf(procedure: ProcedureDef, builders: [string, ProcedureDef][]): string {
  let best = { kind: "public", length: -1 };
  for (const [kind, builder] of builders) {
    const prefix = builder.middlewares;
    const matches = prefix.every((mw, i) => procedure.middlewares[i] === mw);
    if (matches && prefix.length > best.length) best = { kind, length: prefix.length };
  }
  return best.kind;
}

function inputSchema(inputs: unknown[]): ApiProcedure["input"] {
  if (inputs.length === 0) return null;
  const [first, ...rest] = inputs;
  // Chained .input() calls merge objects; a single input is the common case by far.
  const schema = rest.reduce<z.ZodType>(
    (acc, next) => (acc as z.ZodObject).extend((next as z.ZodObject).shape),
    first as z.ZodType,
  );
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

export async function buildCatalog(): Promise<ApiCatalog> {
  const procedures: ApiProcedure[] = [];
  for (const service of SERVICE_NAMES) {
    const { router, trpc } = await loadService(service);
    const builders = Object.entries(trpc).flatMap(([name, value]): [string, ProcedureDef][] =>
      name.endsWith("Procedure") && isDefinable(value) ? [[name.slice(0, -"Procedure".length), value._def]] : [],
    );
    const all = (router._def as unknown as { procedures: Record<string, unknown> }).procedures;
    for (const [path, procedure] of Object.entries(all)) {
      if (!isDefinable(procedure)) continue;
      const def = procedure._def;
      // `internalProcedure([...callers])` is a function of its callers, known by its meta.
      // `staffProcedure(permission)` likewise, by the permission it needs.
      const permission = def.meta?.permission;
      const kind = def.meta?.internalCallers ? "internal" : permission ? "staff" : kindOf(def, builders);
      procedures.push({
        path,
        service,
        type: def.type,
        kind,
        ...(permission ? { permission } : {}),
        input: inputSchema(def.inputs),
      });
    }
  }
  procedures.sort((a, b) => a.path.localeCompare(b.path));
  return { procedures };
}

export function serialize(catalog: ApiCatalog): string {
  return `${JSON.stringify(catalog, null, 2)}\n`;
}

if (import.meta.main) {
  const text = serialize(await buildCatalog());
  if (process.argv.includes("--stdout")) process.stdout.write(text);
  else {
    writeFileSync(CATALOG_FILE, text);
    console.log(`wrote ${CATALOG_FILE}`);
  }
}
