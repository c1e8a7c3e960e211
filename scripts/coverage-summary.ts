// Line coverage per package, from the lcov files the test command's suites write
// (`bun test --coverage --coverage-reporter=lcov`): each package's own code (not its test/ folder,
// not the other packages its tests load) under its own suite, and the total over those packages.
// Code that runs in a spawned service process is not seen by the suite's coverage.
//
//   bun scripts/coverage-summary.ts <dir with one sub-folder per package, e.g. apps-orders/lcov.info>
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

interface Lines {
  found: number;
  hit: number;
}

/** Lines found and hit in the package's own files of one lcov report (paths relative to the package). */
export function ownLines(lcov: string): Lines {
  const total = { found: 0, hit: 0 };
  for (const record of lcov.split("end_of_record")) {
    const file = /^SF:(.+)$/m.exec(record)?.[1];
    if (!file || file.startsWith("..") || file.startsWith("test/")) continue;
    total.found += Number(/^LF:(\d+)$/m.exec(record)?.[1] ?? 0);
    total.hit += Number(/^LH:(\d+)$/m.exec(record)?.[1] ?? 0);
  }
  return total;
}

const percent = ({ found, hit }: Lines) => (found === 0 ? "-" : `${((100 * hit) / found).toFixed(1)} %`);

if (import.meta.main) {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: bun scripts/coverage-summary.ts <coverage dir>");
  const rows = readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, "lcov.info")))
    .sort()
    .map((name) => ({ name: name.replace("-", "/"), ...ownLines(readFileSync(join(dir, name, "lcov.info"), "utf8")) }));
  const total = rows.reduce((t, r) => ({ found: t.found + r.found, hit: t.hit + r.hit }), { found: 0, hit: 0 });
  const width = Math.max(7, ...rows.map((r) => r.name.length));
  const line = (name: string, l: Lines) =>
    `${name.padEnd(width)}  ${`${l.hit}/${l.found}`.padStart(11)}  ${percent(l).padStart(7)}`;
  console.log(`${"package".padEnd(width)}  ${"lines".padStart(11)}  ${"covered".padStart(7)}`);
  for (const r of rows) console.log(line(r.name, r));
  console.log(line("total", total));
}
