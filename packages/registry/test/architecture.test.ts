/**
 * The layout rules every service keeps, checked over the source as a linter would (files are read
 * as text, contracts are loaded by path): routers never query, contracts stay pure, the list of
 * services is spelled only in the registry, and the web imports the services' rules instead of
 * declaring its own copy.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { SERVICE_NAMES, SERVICES } from "../src/index.ts";

const ROOT = resolve(import.meta.dir, "../../..");
const REGISTRY = join(ROOT, "packages/registry/src/index.ts");

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry === ".next" || entry === "drizzle" || entry.startsWith(".")) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(entry) && !/\.d\.ts$/.test(entry)) out.push(path);
  }
  return out;
}

/** Source that ships (tests, fixtures and benchmarks of a folder may name services freely). */
function shippedSource(): string[] {
  const roots = [
    ...readdirSync(join(ROOT, "apps")).flatMap((a) => [
      join(ROOT, "apps", a, "src"),
      join(ROOT, "apps", a, "app"),
      join(ROOT, "apps", a, "lib"),
      join(ROOT, "apps", a, "components"),
      join(ROOT, "apps", a, "scripts"),
    ]),
    ...readdirSync(join(ROOT, "packages")).map((p) => join(ROOT, "packages", p, "src")),
    join(ROOT, "scripts"),
    join(ROOT, "deploy"),
    join(ROOT, "bench"),
  ];
  return roots.flatMap(sourceFiles).filter((f) => f !== REGISTRY);
}

const rel = (f: string) => relative(ROOT, f);

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^"'`;]*?from\s+["']([^"']+)["']/g)].map((m) => m[1] ?? "");
}

describe("every service has the same rooms", () => {
  for (const { name } of SERVICES) {
    test(`${name}: contract.ts, router/, app/, domain/, db/`, () => {
      const src = join(ROOT, "apps", name, "src");
      for (const room of ["contract.ts", "router", "app", "domain", "db"]) {
        expect(existsSync(join(src, room)), `apps/${name}/src/${room}`).toBe(true);
      }
    });
  }

  test("no router imports drizzle-orm or reads the database itself", () => {
    const offenders: string[] = [];
    for (const { name } of SERVICES) {
      for (const file of sourceFiles(join(ROOT, "apps", name, "src", "router"))) {
        const text = readFileSync(file, "utf8");
        if (importsOf(file).some((i) => i === "drizzle-orm" || i.startsWith("drizzle-orm/"))) {
          offenders.push(`${rel(file)} imports drizzle-orm`);
        }
        // Handing the database to a use case is fine; querying or writing it here is not.
        if (/\bdb\.(write|orm\.(select|insert|update|delete|run|all|get|query|transaction))\b/.test(text))
          offenders.push(`${rel(file)} uses the database`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe("contracts are pure", () => {
  const ALLOWED = [
    /^zod(\/|$)/,
    /^@mercato\/pricing$/,
    /^@mercato\/registry$/,
    // The permissions and roles: pure (zod only), shared by the kit, the services and the web.
    /^@mercato\/access$/,
    /^@mercato\/events\/schemas$/,
    /^@mercato\/[a-z]+\/contract$/,
  ];

  /** A contract and every file it reaches by relative import may import only the allowed modules. */
  function impurities(entry: string): string[] {
    const seen = new Set<string>();
    const problems: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of importsOf(file)) {
        if (spec.startsWith(".")) {
          const target = resolve(dirname(file), spec);
          const found = [target, `${target}.ts`, `${target}.tsx`].find((p) => existsSync(p) && statSync(p).isFile());
          if (found) visit(found);
          else problems.push(`${rel(file)}: cannot resolve ${spec}`);
        } else if (!ALLOWED.some((re) => re.test(spec))) {
          problems.push(`${rel(file)} imports ${spec}`);
        }
      }
    };
    visit(entry);
    return problems;
  }

  for (const { name } of SERVICES) {
    test(`${name}/contract.ts reaches only zod, pricing, the registry, event shapes and other contracts`, () => {
      const entry = join(ROOT, "apps", name, "src", "contract.ts");
      expect(existsSync(entry)).toBe(true);
      expect(impurities(entry)).toEqual([]);
    });
  }
});

describe("the registry is the one list of services", () => {
  const nameLiteral = new RegExp(`["'\`](${SERVICE_NAMES.join("|")})["'\`]`, "g");

  // A list naming (nearly) every service is a second copy of the registry; a chosen few (the
  // services a chaos run kills) is a decision, not a copy.
  test("no list of the services is spelled outside the registry", () => {
    const offenders: string[] = [];
    for (const file of shippedSource()) {
      const text = readFileSync(file, "utf8");
      // An array literal or a string union naming several services is a second copy of the list.
      for (const span of text.matchAll(/\[[^[\]]*\]|(?:["'][a-z]+["']\s*\|\s*){2,}["'][a-z]+["']/g)) {
        const names = new Set([...span[0].matchAll(nameLiteral)].map((m) => m[1]));
        if (names.size >= SERVICE_NAMES.length - 1) offenders.push(`${rel(file)}: ${[...names].join(", ")}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  test("no service's default port is hard-coded outside the registry", () => {
    const ports = SERVICES.map((s) => s.port).join("|");
    const portLiteral = new RegExp(`(?:localhost|127\\.0\\.0\\.1):(?:${ports})\\b`);
    const offenders = shippedSource()
      .filter((file) => portLiteral.test(readFileSync(file, "utf8")))
      .map(rel);
    expect(offenders).toEqual([]);
  });
});

describe("the web imports the services' rules instead of copying them", () => {
  interface Rules {
    enums: { name: string; values: string[] }[];
    patterns: { name: string; source: string }[];
  }

  /** The string enums and regular expressions a contract exports, directly or inside zod schemas. */
  function rulesOf(contract: Record<string, unknown>): Rules {
    const rules: Rules = { enums: [], patterns: [] };
    const seen = new Set<unknown>();
    const walk = (name: string, value: unknown, depth: number) => {
      if (value === null || typeof value !== "object" || seen.has(value) || depth > 8) return;
      seen.add(value);
      if (value instanceof RegExp) {
        rules.patterns.push({ name, source: value.source });
        return;
      }
      if (Array.isArray(value)) {
        if (value.length >= 2 && value.every((v) => typeof v === "string")) rules.enums.push({ name, values: value });
        return;
      }
      const zod = (value as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
      if (zod) {
        if (zod.type === "enum" && zod.entries && typeof zod.entries === "object") {
          const values = Object.values(zod.entries as Record<string, unknown>).filter((v) => typeof v === "string");
          if (values.length >= 2) rules.enums.push({ name, values: values as string[] });
        }
        for (const [key, child] of Object.entries(zod)) walk(`${name}.${key}`, child, depth + 1);
        return;
      }
      // Plain objects (check definitions, shapes): look inside.
      for (const [key, child] of Object.entries(value)) walk(`${name}.${key}`, child, depth + 1);
    };
    for (const [name, value] of Object.entries(contract)) walk(name, value, 0);
    return rules;
  }

  const webFiles = ["app", "components", "lib"].flatMap((d) => sourceFiles(join(ROOT, "apps/web", d)));

  test("apps/web declares no list of a contract's values and no copy of a contract's pattern", async () => {
    const offenders: string[] = [];
    for (const { name } of SERVICES) {
      const contract = (await import(join(ROOT, "apps", name, "src", "contract.ts"))) as Record<string, unknown>;
      const rules = rulesOf(contract);
      for (const file of webFiles) {
        const text = readFileSync(file, "utf8");
        for (const { name: rule, values } of rules.enums) {
          const literal = new RegExp(
            `["'](${values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})["']`,
            "g",
          );
          // A list of string literals or a union of them declares the values; a call using one does not.
          for (const span of text.matchAll(
            /\[\s*(?:["'][\w-]*["']\s*,\s*)+["'][\w-]*["']\s*,?\s*\]|(?:["'][\w-]+["']\s*\|\s*)+["'][\w-]+["']/g,
          )) {
            const found = new Set([...span[0].matchAll(literal)].map((m) => m[1]));
            if (found.size >= 2) offenders.push(`${rel(file)} lists ${[...found].join(", ")} (${name} ${rule})`);
          }
        }
        for (const { name: rule, source } of rules.patterns) {
          if (source.length >= 6 && text.includes(source))
            offenders.push(`${rel(file)} copies /${source}/ (${name} ${rule})`);
        }
      }
    }
    expect([...new Set(offenders)]).toEqual([]);
  });
});
