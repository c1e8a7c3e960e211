/**
 * An order's packing slip and invoice as PDFs (#21), built with pdf-lib. Pure: the order view and
 * the shop's details in, the PDF's bytes out, so the route handler only fetches and answers, and a
 * unit test parses the result back.
 *
 * - Packing slip: the shop, the order number and date, the shipping address, each line's SKU,
 *   title, options and quantity. No prices.
 * - Invoice: number `INV-<order number>` (stable: one per order), dated when the order was paid
 *   (else placed), UTC; the shop's VAT id, billing and shipping addresses, lines with unit price
 *   and amount, then subtotal, discount, shipping, net, the tax per rate (from the order's priced
 *   totals: the rate's name, the amount taxed and the tax) and the gross total, in the order's
 *   currency (integer minor units formatted by @mercato/pricing).
 *
 * Known limit: the standard PDF fonts (Helvetica, WinAnsi) cover Western European text only; any
 * other character is written without its accent where Unicode decomposes it (ő → o), else as "?"
 * (Ł, Cyrillic, CJK). Embedding a Unicode font (fontkit) would lift it.
 */
import { type Currency, formatMoney } from "@mercato/pricing";
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";

/** The shop as it appears on its documents (from the environment: lib/admin/shop-details.ts). */
export interface ShopDetails {
  legalName: string;
  /** Postal address, one line per entry. */
  address: readonly string[];
  vatId: string;
  email: string;
}

export interface DocumentAddress {
  name: string;
  line1: string;
  line2?: string | undefined;
  city: string;
  postalCode: string;
  country: string;
  subdivision?: string | undefined;
}

/** The part of the orders contract's OrderView a document reads. */
export interface DocumentOrder {
  number: string;
  email: string;
  placedAt: string;
  paidAt: string | null;
  lines: readonly {
    sku: string;
    title: string;
    quantity: number;
    unitPrice: number;
    options?: Record<string, string>;
  }[];
  totals: {
    currency: Currency;
    subtotal: number;
    discount: number;
    shipping: number;
    tax: number;
    total: number;
    taxInclusive: boolean;
    taxLines: readonly { name: string; rateBps: number; taxable: number; amount: number }[];
  };
  discountCode: string | null;
  shippingMethod: { name: string } | null;
  shippingAddress: DocumentAddress;
  billingAddress: DocumentAddress;
  refundedTotal: number;
}

export type DocumentKind = "invoice" | "packing-slip";

/** The invoice's number: one per order, the same every time it is printed. */
export function invoiceNumber(orderNumber: string): string {
  return `INV-${orderNumber}`;
}

/** The file name a download gets. */
export function documentFileName(kind: DocumentKind, orderNumber: string): string {
  const safe = orderNumber.replace(/[^A-Za-z0-9-]/g, "_");
  return kind === "invoice" ? `${invoiceNumber(safe)}.pdf` : `packing-slip-${safe}.pdf`;
}

/** YYYY-MM-DD of an ISO time, in UTC. */
export function utcDate(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

function addressLines(a: DocumentAddress): string[] {
  return [
    a.name,
    a.line1,
    ...(a.line2 ? [a.line2] : []),
    `${a.postalCode} ${a.city}${a.subdivision ? `, ${a.subdivision}` : ""}`,
    a.country,
  ];
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.4, 0.4, 0.45);

/** Writes text top-down across as many pages as it takes. */
class Writer {
  page: PDFPage;
  y: number;
  private readonly encodable = new Map<string, boolean>();

  constructor(
    private readonly doc: PDFDocument,
    readonly font: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.page = doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  /** The text with every character the standard font cannot encode replaced (accents dropped, else "?"). */
  clean(text: string): string {
    let out = "";
    for (const ch of text.replace(/[\u00a0\u202f]/g, " ")) {
      if (this.canEncode(ch)) out += ch;
      else {
        const base = ch.normalize("NFKD").replace(/\p{M}/gu, "");
        out += [...base].every((c) => this.canEncode(c)) && base ? base : "?";
      }
    }
    return out;
  }

  private canEncode(ch: string): boolean {
    let known = this.encodable.get(ch);
    if (known === undefined) {
      try {
        this.font.encodeText(ch);
        known = true;
      } catch {
        known = false;
      }
      this.encodable.set(ch, known);
    }
    return known;
  }

  /** Room for `height` more points on this page, else a new page. */
  need(height: number): void {
    if (this.y - height < MARGIN) {
      this.page = this.doc.addPage(A4);
      this.y = A4[1] - MARGIN;
    }
  }

  text(
    x: number,
    text: string,
    opts: { size?: number; bold?: boolean; color?: typeof INK; right?: boolean } = {},
  ): void {
    const size = opts.size ?? 10;
    const font = opts.bold ? this.bold : this.font;
    const clean = this.clean(text);
    const at = opts.right ? x - font.widthOfTextAtSize(clean, size) : x;
    this.page.drawText(clean, { x: at, y: this.y, size, font, color: opts.color ?? INK });
  }

  /** The text cut with "…" to fit `width` points. */
  fit(text: string, width: number, size = 10): string {
    let clean = this.clean(text);
    if (this.font.widthOfTextAtSize(clean, size) <= width) return clean;
    while (clean.length > 1 && this.font.widthOfTextAtSize(`${clean}...`, size) > width) clean = clean.slice(0, -1);
    return `${clean}...`;
  }

  down(points: number): void {
    this.y -= points;
  }

  rule(): void {
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: A4[0] - MARGIN, y: this.y },
      thickness: 0.5,
      color: MUTED,
    });
  }
}

/** Builds the packing slip or the invoice of one order. */
export async function buildOrderDocument(
  kind: DocumentKind,
  order: DocumentOrder,
  shop: ShopDetails,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const title = kind === "invoice" ? `Invoice ${invoiceNumber(order.number)}` : `Packing slip, order ${order.number}`;
  doc.setTitle(title);
  doc.setAuthor(shop.legalName);
  doc.setProducer("Mercato");
  doc.setCreator("Mercato admin");
  // Stable dates: the same order prints the same document.
  const issued = new Date(order.paidAt ?? order.placedAt);
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);
  const w = new Writer(
    doc,
    await doc.embedFont(StandardFonts.Helvetica),
    await doc.embedFont(StandardFonts.HelveticaBold),
  );
  const right = A4[0] - MARGIN;
  const money = (amount: number) => formatMoney(amount, order.totals.currency);

  // The shop, top left; the document's title and facts, top right.
  const top = w.y;
  w.text(MARGIN, shop.legalName, { size: 12, bold: true });
  for (const line of [
    ...shop.address,
    shop.email,
    ...(kind === "invoice" && shop.vatId ? [`VAT ID: ${shop.vatId}`] : []),
  ]) {
    w.down(13);
    w.text(MARGIN, line, { color: MUTED });
  }
  const bottomOfShop = w.y;
  w.y = top;
  w.text(right, kind === "invoice" ? "INVOICE" : "PACKING SLIP", { size: 16, bold: true, right: true });
  const facts =
    kind === "invoice"
      ? [
          `Invoice number: ${invoiceNumber(order.number)}`,
          `Invoice date: ${utcDate(issued.toISOString())} (UTC)`,
          `Order: ${order.number}, placed ${utcDate(order.placedAt)}`,
          `Currency: ${order.totals.currency}`,
        ]
      : [
          `Order: ${order.number}`,
          `Placed: ${utcDate(order.placedAt)} (UTC)`,
          ...(order.shippingMethod ? [`Shipping: ${order.shippingMethod.name}`] : []),
        ];
  w.down(6);
  for (const fact of facts) {
    w.down(13);
    w.text(right, fact, { right: true });
  }
  w.y = Math.min(w.y, bottomOfShop) - 30;

  // Addresses.
  const addrTop = w.y;
  w.text(MARGIN, "Ship to", { bold: true });
  for (const line of addressLines(order.shippingAddress)) {
    w.down(13);
    w.text(MARGIN, line);
  }
  const addrBottom = w.y;
  if (kind === "invoice") {
    w.y = addrTop;
    const x = MARGIN + 260;
    w.text(x, "Bill to", { bold: true });
    for (const line of [...addressLines(order.billingAddress), order.email]) {
      w.down(13);
      w.text(x, line);
    }
  }
  w.y = Math.min(w.y, addrBottom) - 30;

  // Lines.
  const cols =
    kind === "invoice"
      ? { item: MARGIN, qty: MARGIN + 330, unit: MARGIN + 410, amount: right }
      : { item: MARGIN, qty: right, unit: 0, amount: 0 };
  const header = () => {
    w.need(30);
    w.text(cols.item, "Item", { bold: true });
    w.text(cols.qty, "Qty", { bold: true, right: true });
    if (kind === "invoice") {
      w.text(cols.unit, "Unit price", { bold: true, right: true });
      w.text(cols.amount, "Amount", { bold: true, right: true });
    }
    w.down(6);
    w.rule();
    w.down(14);
  };
  header();
  const itemWidth = cols.qty - 40 - cols.item;
  for (const line of order.lines) {
    const options = Object.entries(line.options ?? {})
      .map(([k, v]) => `${k}: ${v}`)
      .join(", ");
    if (w.y - 26 < MARGIN) {
      w.need(1000);
      header();
    }
    w.text(cols.item, w.fit(line.title, itemWidth));
    w.text(cols.qty, String(line.quantity), { right: true });
    if (kind === "invoice") {
      w.text(cols.unit, money(line.unitPrice), { right: true });
      w.text(cols.amount, money(line.unitPrice * line.quantity), { right: true });
    }
    w.down(12);
    w.text(cols.item, w.fit(`SKU ${line.sku}${options ? ` · ${options}` : ""}`, itemWidth, 8), {
      size: 8,
      color: MUTED,
    });
    w.down(16);
  }
  w.rule();
  w.down(16);

  if (kind === "packing-slip") {
    const units = order.lines.reduce((n, l) => n + l.quantity, 0);
    w.text(
      cols.item,
      `${units} ${units === 1 ? "item" : "items"} in ${order.lines.length} ${order.lines.length === 1 ? "line" : "lines"}`,
      { bold: true },
    );
    return doc.save();
  }

  // Totals: net, tax per rate, gross.
  const t = order.totals;
  const net = t.total - t.tax;
  const rows: [string, string, boolean?][] = [
    [t.taxInclusive ? "Subtotal (incl. tax)" : "Subtotal", money(t.subtotal)],
  ];
  if (t.discount > 0)
    rows.push([`Discount${order.discountCode ? ` (${order.discountCode})` : ""}`, `-${money(t.discount)}`]);
  rows.push([`Shipping${order.shippingMethod ? ` (${order.shippingMethod.name})` : ""}`, money(t.shipping)]);
  rows.push(["Net total", money(net), true]);
  if (t.taxLines.length === 0) rows.push(["Tax", money(t.tax)]);
  for (const line of t.taxLines) rows.push([`${line.name} on ${money(line.taxable)}`, money(line.amount)]);
  rows.push([`Total (gross, ${t.currency})`, money(t.total), true]);
  if (order.refundedTotal > 0) rows.push(["Refunded", `-${money(order.refundedTotal)}`]);
  for (const [label, amount, strong] of rows) {
    w.need(16);
    w.text(cols.unit + 20, label, { right: true, bold: strong ?? false });
    w.text(cols.amount, amount, { right: true, bold: strong ?? false });
    w.down(16);
  }
  w.down(10);
  w.need(14);
  w.text(
    MARGIN,
    t.taxInclusive
      ? "Prices include tax; the tax included is shown per rate."
      : "Tax is added to the prices, per rate as shown.",
    { size: 8, color: MUTED },
  );
  return doc.save();
}
