/**
 * Where a pause in PAID orders after a kill went (#26): for the checkouts in flight around the
 * kill, each step's time from the orders database (its event store, and its outbox's publish
 * times) beside what the shopper saw (started, heard PAID), plus when the orders relay's lease
 * changed hands (the instances' logs). Read-only, after the run, from the run's own files.
 */
import { Database } from "bun:sqlite";
import { existsSync, readFileSync } from "node:fs";
import type { Attempt } from "./shopper.ts";

interface Steps {
  placed?: number;
  placedPublished?: number;
  reserved?: number;
  paid?: number;
}

const at = (iso: string | null | undefined) => (iso ? Date.parse(iso) : undefined);

/** Each order's step times (ms since the epoch) from the orders database, for these order ids. */
function orderSteps(ordersDb: string, orderIds: readonly string[]): Map<string, Steps> {
  const out = new Map<string, Steps>();
  if (!existsSync(ordersDb) || orderIds.length === 0) return out;
  const db = new Database(ordersDb, { readonly: true });
  try {
    const ids = JSON.stringify(orderIds);
    const events = db
      .query<{ order_id: string; type: string; occurred_at: string }, [string]>(
        "select order_id, type, occurred_at from order_events where order_id in (select value from json_each(?))",
      )
      .all(ids);
    for (const e of events) {
      const s = out.get(e.order_id) ?? {};
      if (e.type === "OrderPlaced") s.placed = at(e.occurred_at);
      else if (e.type === "StockReserved") s.reserved = at(e.occurred_at);
      else if (e.type === "PaymentSucceeded") s.paid = at(e.occurred_at);
      out.set(e.order_id, s);
    }
    const published = db
      .query<{ key: string; sent_at: number | null }, [string]>(
        "select json_extract(payload, '$.key') as key, sent_at from outbox where subject = 'orders.placed.v1' and json_extract(payload, '$.key') in (select value from json_each(?))",
      )
      .all(ids);
    for (const r of published) {
      const s = out.get(r.key);
      if (s && r.sent_at !== null) s.placedPublished = r.sent_at;
    }
  } finally {
    db.close();
  }
  return out;
}

/** "lease taken" lines of one job in the given log files, as [time, file]. */
export function leaseTakeovers(files: readonly string[], job: string): { at: number; file: string }[] {
  const out: { at: number; file: string }[] = [];
  for (const file of files) {
    if (!existsSync(file)) continue;
    for (const raw of readFileSync(file, "utf8").split("\n")) {
      if (!raw.startsWith("{") || !raw.includes(job) || !raw.includes("lease taken")) continue;
      try {
        const line = JSON.parse(raw) as { time?: string; lease?: string };
        if (line.lease === job && line.time) out.push({ at: Date.parse(line.time), file });
      } catch {
        // not a log line of ours
      }
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/**
 * Markdown: the checkouts in flight from `before` ms before the kill to the first PAID heard after
 * it, each step as seconds from the kill (negative: before it).
 */
export function pauseBreakdown(opts: {
  fault: string;
  killedAt: number;
  attempts: readonly Attempt[];
  ordersDb: string;
  relayTakeovers: readonly { at: number; file: string }[];
}): string {
  const { killedAt } = opts;
  const heard = opts.attempts
    .filter((a) => a.outcome === "paid" && a.doneAt !== undefined)
    .map((a) => a.doneAt!)
    .sort((a, b) => a - b);
  const lastBefore = heard.filter((t) => t < killedAt).at(-1) ?? killedAt;
  const firstAfter = heard.find((t) => t >= killedAt) ?? Number.NaN;
  // In flight: started before the first PAID after the kill, not done before the last PAID before it.
  const inFlight = opts.attempts.filter(
    (a) =>
      (a.at ?? 0) <= (Number.isFinite(firstAfter) ? firstAfter : killedAt + 5_000) &&
      (a.doneAt ?? Infinity) >= lastBefore,
  );
  const steps = orderSteps(
    opts.ordersDb,
    inFlight.flatMap((a) => (a.orderId ? [a.orderId] : [])),
  );
  const s = (t: number | undefined) =>
    t === undefined || !Number.isFinite(t) ? "–" : ((t - killedAt) / 1000).toFixed(2);
  const takeover = opts.relayTakeovers.find((t) => t.at >= killedAt);
  const lines = [
    `Pause breakdown, ${opts.fault} (seconds from the kill): last PAID heard before it ${s(lastBefore)}, first after it ${s(firstAfter)} (pause ${((firstAfter - lastBefore) / 1000).toFixed(2)} s); orders relay lease taken next at ${takeover ? s(takeover.at) : "– (not taken after the kill)"}.`,
    "",
    "| order | shopper started | placed | orders.placed published | stock reserved | paid (event) | PAID heard by the shopper | outcome |",
    "|---|---:|---:|---:|---:|---:|---:|---|",
  ];
  for (const a of [...inFlight].sort((x, y) => (x.at ?? 0) - (y.at ?? 0))) {
    const st = (a.orderId && steps.get(a.orderId)) || {};
    lines.push(
      `| ${a.orderId ? a.orderId.slice(-7) : "(none)"} | ${s(a.at)} | ${s(st.placed)} | ${s(st.placedPublished)} | ${s(st.reserved)} | ${s(st.paid)} | ${a.outcome === "paid" ? s(a.doneAt) : "–"} | ${a.outcome} |`,
    );
  }
  return lines.join("\n");
}
