// Every workspace package takes part in `bun run typecheck` and the test command: it has its own
// tsconfig.json and a `typecheck` script, and, when it has a test/ folder, `test` and `coverage`
// scripts. A package without them would be skipped silently by turbo and scripts/test.sh.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..");
const workspaces: string[] = (await Bun.file(join(ROOT, "package.json")).json()).workspaces.packages;
// "apps/*" names every folder of apps/; "bench" names itself.
const dirs = workspaces.flatMap((pattern) =>
  pattern.endsWith("/*")
    ? readdirSync(join(ROOT, pattern.slice(0, -2))).map((name) => join(pattern.slice(0, -2), name))
    : [pattern],
);
const problems: string[] = [];
for (const dir of dirs) {
  if (!existsSync(join(ROOT, dir, "package.json"))) continue;
  const scripts: Record<string, string> = (await Bun.file(join(ROOT, dir, "package.json")).json()).scripts ?? {};
  if (!existsSync(join(ROOT, dir, "tsconfig.json"))) problems.push(`${dir}: no tsconfig.json`);
  const wanted = existsSync(join(ROOT, dir, "test")) ? ["typecheck", "test", "coverage"] : ["typecheck"];
  for (const script of wanted) if (!scripts[script]) problems.push(`${dir}: no "${script}" script in package.json`);
}
for (const p of problems) console.error(`workspace: ${p}`);
process.exit(problems.length ? 1 : 0);
