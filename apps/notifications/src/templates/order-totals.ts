import type { EventOf, OrderPaidEvent } from "@mercato/events";
import { deliveryEstimate, money, percent } from "../domain/format.ts";

type Paid = EventOf<typeof OrderPaidEvent>["data"];
type Totals = Paid["totals"];
type TaxLine = Totals["taxLines"][number];
type ShippingMethod = NonNullable<Paid["shippingMethod"]>;

/** One row of an order's money summary, shared by the HTML and the plain-text email. */
export interface SummaryRow {
  label: string;
  value: string;
  /** The total: bold in HTML. */
  strong?: boolean;
}

/** "Express, 1–2 working days". */
export function shippingDescription(method: ShippingMethod): string {
  return `${method.name}, ${deliveryEstimate(method.minDays, method.maxDays)}`;
}

/**
 * A tax line as the shopper reads it: "VAT 20% (included)" where prices include the tax,
 * "CA sales tax 7.25%" where it was added. The rate is appended when the name does not say it.
 */
export function taxLineLabel(line: Pick<TaxLine, "name" | "rateBps">, inclusive: boolean): string {
  const named = line.name.includes("%") || line.rateBps === 0 ? line.name : `${line.name} ${percent(line.rateBps)}`;
  return inclusive ? `${named} (included)` : named;
}

/**
 * Subtotal, discount, shipping (with the method and its estimate), tax per rate and total, in
 * the order's currency. Tax added on top comes before the total; tax inside the prices after it,
 * as a receipt says "of which VAT". Tax lines of 0 are left out (a zero-rated shipping line says
 * nothing useful); an event from before tax lines existed shows one "Tax" row as it used to.
 */
export function orderSummaryRows(p: {
  totals: Totals;
  discountCode: string | null;
  shippingMethod?: ShippingMethod | null | undefined;
}): SummaryRow[] {
  const { totals } = p;
  const m = (amount: number) => money(amount, totals.currency);
  const rows: SummaryRow[] = [{ label: "Subtotal", value: m(totals.subtotal) }];
  if (totals.discount > 0) {
    rows.push({ label: p.discountCode ? `Discount (${p.discountCode})` : "Discount", value: `-${m(totals.discount)}` });
  }
  const method = p.shippingMethod ?? null;
  rows.push({
    label: method ? `Shipping: ${shippingDescription(method)}` : "Shipping",
    value: totals.shipping === 0 ? "Free" : m(totals.shipping),
  });
  const taxRows: SummaryRow[] = totals.taxLines
    .filter((l) => l.amount > 0)
    .map((l) => ({ label: taxLineLabel(l, totals.taxInclusive), value: m(l.amount) }));
  if (taxRows.length === 0 && totals.tax > 0) {
    taxRows.push({ label: totals.taxInclusive ? "Tax (included)" : "Tax", value: m(totals.tax) });
  }
  const total: SummaryRow = { label: "Total", value: m(totals.total), strong: true };
  return totals.taxInclusive ? [...rows, total, ...taxRows] : [...rows, ...taxRows, total];
}
