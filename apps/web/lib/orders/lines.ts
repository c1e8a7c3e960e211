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

/** What the order-facing timeline needs of an order view (the storefront's). */
export interface TimelineFacts {
  placedAt: string;
  paidAt: string | null;
  shipments: readonly { id: string; carrier: string; shippedAt: string; deliveredAt: string | null }[];
  cancelledLines: readonly { at: string }[];
  returns: readonly {
    id: string;
    number: string;
    status: string;
    requestedAt: string;
    decidedAt: string | null;
    receivedAt: string | null;
    refundedAt: string | null;
  }[];
  refunds: readonly { refundId: string; amount: number; at: string; returnId: string | null }[];
  cancellation: { at: string } | null;
}

export interface TimelineStep {
  key: string;
  at: string;
  label: string;
  /** Minor units, for a refund step (in the order's currency). */
  amount?: number;
}

/**
 * One timeline of the order from its own facts: placed, paid, each parcel shipped and delivered,
 * cancelled items, each return's request, decision, receipt and refund, other refunds, a
 * cancellation; oldest first (the order's facts are the truth, whatever a live stream missed).
 */
export function orderTimeline(order: TimelineFacts): TimelineStep[] {
  const steps: TimelineStep[] = [{ key: "placed", at: order.placedAt, label: "Order placed" }];
  if (order.paidAt) steps.push({ key: "paid", at: order.paidAt, label: "Payment received" });
  const parcel = (i: number) => (order.shipments.length > 1 ? `Parcel ${i + 1}` : "Parcel");
  order.shipments.forEach((s, i) => {
    steps.push({ key: `shipped-${s.id}`, at: s.shippedAt, label: `${parcel(i)} shipped with ${s.carrier}` });
    if (s.deliveredAt) steps.push({ key: `delivered-${s.id}`, at: s.deliveredAt, label: `${parcel(i)} delivered` });
  });
  order.cancelledLines.forEach((c, i) => {
    steps.push({ key: `cancelled-lines-${i}`, at: c.at, label: "Items cancelled" });
  });
  for (const r of order.returns) {
    steps.push({ key: `return-${r.id}`, at: r.requestedAt, label: `Return ${r.number} requested` });
    if (r.decidedAt) {
      const verdict = r.status === "REJECTED" ? "not approved" : "approved";
      steps.push({ key: `decided-${r.id}`, at: r.decidedAt, label: `Return ${r.number} ${verdict}` });
    }
    if (r.receivedAt) steps.push({ key: `received-${r.id}`, at: r.receivedAt, label: `Return ${r.number} received` });
  }
  for (const refund of order.refunds) {
    const ret = order.returns.find((r) => r.id === refund.returnId);
    steps.push({
      key: `refund-${refund.refundId}`,
      at: refund.at,
      label: ret ? `Refund for return ${ret.number}` : "Refund",
      amount: refund.amount,
    });
  }
  if (order.cancellation) steps.push({ key: "cancelled", at: order.cancellation.at, label: "Order cancelled" });
  // Stable: facts at the same instant keep the order above (placed before paid, shipped before delivered).
  return steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => Date.parse(a.s.at) - Date.parse(b.s.at) || a.i - b.i)
    .map(({ s }) => s);
}
