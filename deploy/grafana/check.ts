// Validates the Grafana dashboards (scripts/test-observe.sh): each file parses, has its panels,
// every panel and target uses the Prometheus datasource uid `mercato-prometheus`, and every metric
// an expression names is one the platform exposes (packages/kit/src/metrics-names.ts).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { metricNameOf } from "../../packages/kit/src/metrics-names.ts";

export const DATASOURCE_UID = "mercato-prometheus";
/** Panels each dashboard must have (by title). */
export const REQUIRED_PANELS: Record<string, string[]> = {
  "overview.json": [
    "5xx share at the gateway",
    "p99 latency by upstream",
    "Ready",
    "Resident memory",
    "Event-loop delay p99",
  ],
  "checkout.json": ["Orders per minute", "Checkout to paid (p50, p95)", "Reservations expired per minute"],
  "events.json": ["Consumer lag (not yet delivered)", "Dead letters", "Oldest unpublished outbox row (s)"],
};

const PROMQL_WORDS = new Set([
  "sum",
  "min",
  "max",
  "avg",
  "count",
  "by",
  "without",
  "rate",
  "increase",
  "irate",
  "delta",
  "histogram_quantile",
  "offset",
  "and",
  "or",
  "unless",
  "on",
  "ignoring",
  "le",
  "topk",
  "bottomk",
]);

/** Metric names an expression uses: identifiers outside `{...}` and `[...]` that are not PromQL words. */
export function metricsOf(expr: string): string[] {
  const bare = expr
    .replace(/\{[^}]*\}/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/"[^"]*"/g, "");
  const names = new Set<string>();
  for (const m of bare.matchAll(
    /(?<![0-9a-zA-Z_.])[a-zA-Z_:][a-zA-Z0-9_:]*(?=\s*(?:\{|\[|\)|$|\s|\*|\/|-|\+|>|<|=))/g,
  )) {
    if (!PROMQL_WORDS.has(m[0])) names.add(m[0]);
  }
  // labels inside `by (...)` lists
  for (const list of bare.matchAll(/\b(?:by|without|on|ignoring)\s*\(([^)]*)\)/g)) {
    for (const label of (list[1] ?? "").split(",")) names.delete(label.trim());
  }
  return [...names];
}

export function dashboardProblems(file: string, text: string): string[] {
  const problems: string[] = [];
  let board: {
    uid?: string;
    title?: string;
    panels?: {
      title?: string;
      datasource?: { uid?: string };
      targets?: { expr?: string; datasource?: { uid?: string } }[];
    }[];
  };
  try {
    board = JSON.parse(text);
  } catch (err) {
    return [`${file}: not JSON (${String(err)})`];
  }
  if (!board.uid || !board.title) problems.push(`${file}: needs a uid and a title`);
  const panels = board.panels ?? [];
  if (panels.length === 0) problems.push(`${file}: no panels`);
  for (const title of REQUIRED_PANELS[file] ?? []) {
    if (!panels.some((p) => p.title === title)) problems.push(`${file}: missing the panel "${title}"`);
  }
  for (const p of panels) {
    if (p.datasource?.uid !== DATASOURCE_UID)
      problems.push(`${file}: panel "${p.title}" is not on datasource ${DATASOURCE_UID}`);
    if (!p.targets?.length) problems.push(`${file}: panel "${p.title}" has no query`);
    for (const t of p.targets ?? []) {
      if (t.datasource?.uid !== DATASOURCE_UID)
        problems.push(`${file}: a query of "${p.title}" is not on ${DATASOURCE_UID}`);
      if (!t.expr) {
        problems.push(`${file}: a query of "${p.title}" has no expr`);
        continue;
      }
      for (const name of metricsOf(t.expr)) {
        if (!metricNameOf(name)) problems.push(`${file}: "${p.title}" uses ${name}, which no process exposes`);
      }
    }
  }
  return problems;
}

if (import.meta.main) {
  const dir = import.meta.dir;
  const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
  const problems = [
    ...Object.keys(REQUIRED_PANELS)
      .filter((f) => !files.includes(f))
      .map((f) => `${f}: missing`),
    ...(await Promise.all(files.map(async (f) => dashboardProblems(f, await Bun.file(join(dir, f)).text())))).flat(),
  ];
  // The alert rules may name only exposed metrics too.
  const rules = Bun.YAML.parse(await Bun.file(join(dir, "../prometheus/rules.yml")).text()) as {
    groups: { rules: { alert: string; expr: string }[] }[];
  };
  for (const rule of rules.groups.flatMap((g) => g.rules)) {
    for (const name of metricsOf(rule.expr)) {
      if (!metricNameOf(name)) problems.push(`rules.yml: ${rule.alert} uses ${name}, which no process exposes`);
    }
  }
  for (const p of problems) console.error(`  ${p}`);
  if (problems.length) process.exit(1);
  console.log(`grafana: ${files.length} dashboards valid`);
}
