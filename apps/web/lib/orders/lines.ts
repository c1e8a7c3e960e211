/** Pure helpers for the order screens' line forms (ship, cancel, return, receive) and timeline. */

export interface QuantityRow {
  sku: string;
  title: string;
  /** The most this row may take (what is left to ship, to cancel, to return…). */
  max: number;
}

export interface ChosenLines {
  lines: { sku: string; quantity: number }[];
  /** A message per SKU whose typed number is not a whole number from 0 to its max. */
  problems: Record<string, string>;
}

/** The rows' typed quantities as `{ sku, quantity }` lines (blanks and zeros left out). */
export function chosenLines(rows: readonly QuantityRow[], values: Record<string, string>): ChosenLines {
  const lines: { sku: string; quantity: number }[] = [];
  const problems: Record<string, string> = {};
  for (const row of rows) {
    const raw = (values[row.sku] ?? "").trim();
    if (raw === "") continue;
    const quantity = Number(raw);
    if (!/^\d+$/.test(raw) || quantity > row.max) {
      problems[row.sku] = `a whole number from 0 to ${row.max}`;
      continue;
    }
    if (quantity > 0) lines.push({ sku: row.sku, quantity });
  }
  return { lines, problems };
}

/** Each row's quantity typed in for it: its max, or zero. */
export function initialQuantities(rows: readonly QuantityRow[], fill: "max" | "zero"): Record<string, string> {
  return Object.fromEntries(rows.map((r) => [r.sku, fill === "max" ? String(r.max) : "0"]));
}

/** "OrderShipmentDelivered" → "Order shipment delivered". */
export function eventTitle(type: string): string {
  const words = type
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_.]/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

interface EventLine {
  sku?: unknown;
  quantity?: unknown;
  received?: unknown;
  damaged?: unknown;
  exchangeForSku?: unknown;
}

/** A line of an event's data as text: "TEE-M × 2", "TEE-M: 1 received, 1 damaged", "TEE-M × 1 → TEE-L". */
function lineText(line: EventLine): string {
  const sku = String(line.sku ?? "?");
  if (typeof line.received === "number" || typeof line.damaged === "number") {
    return `${sku}: ${Number(line.received ?? 0)} received, ${Number(line.damaged ?? 0)} damaged`;
  }
  const exchange = typeof line.exchangeForSku === "string" && line.exchangeForSku ? ` → ${line.exchangeForSku}` : "";
  return `${sku} × ${String(line.quantity ?? "?")}${exchange}`;
}

/**
 * Short, readable facts of a timeline event's data: its lines, then the plain fields an admin
 * reads (carrier, tracking, note, reason…). Amounts are left to the caller (they need a currency).
 */
export function eventFacts(data: Record<string, unknown>): string[] {
  const facts: string[] = [];
  if (Array.isArray(data.lines)) {
    const lines = (data.lines as EventLine[]).filter((l) => l && typeof l === "object").map(lineText);
    if (lines.length > 0 && lines.length <= 10) facts.push(lines.join(", "));
  }
  const picks: [string, string][] = [
    ["returnNumber", "return"],
    ["carrier", "carrier"],
    ["trackingNumber", "tracking"],
    ["note", "note"],
    ["reason", "reason"],
    ["code", "code"],
    ["by", "by"],
    ["provider", "provider"],
  ];
  for (const [key, label] of picks) {
    const value = data[key];
    if (typeof value === "string" && value) facts.push(`${label}: ${value}`);
  }
  return facts;
}
