/** The machine description and the generated sections of the docs (between markers, rest kept). */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";

export function machine(): string {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const ram = (totalmem() / 1024 ** 3).toFixed(1);
  const date = `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;
  // The load average says how much else the (shared) machine was doing when the run started.
  const load = loadavg()[0]!.toFixed(1);
  return `${cpus().length} CPUs (${cpu}), ${ram} GiB RAM, Bun ${Bun.version}, ${process.platform}/${process.arch}, load average ${load} at start, ${date}`;
}

/**
 * Replaces what lies between `<!-- <name>:start -->` and `<!-- <name>:end -->` in `file` (adding
 * the section at the end, or creating the file with `title`, when there is none).
 */
export function writeSection(file: string, name: string, body: string, title: string): void {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const section = `${start}\n${body.trim()}\n${end}`;
  const current = existsSync(file) ? readFileSync(file, "utf8") : `# ${title}\n`;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? current.slice(0, from) + section + current.slice(to + end.length)
      : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}
