// The packing slip and invoice PDFs (#21), parsed back: pdf-lib loads them (pages, title) and
// unpdf (pdf.js) extracts their text, which must hold the shop, the order, the addresses, the
// lines, and on the invoice only the money: net, tax per rate and gross in the order's currency.
import { describe, expect, test } from "bun:test";
import { PDFDocument } from "pdf-lib";
import { extractText, getDocumentProxy } from "unpdf";
import {
  buildOrderDocument,
  type DocumentOrder,
  documentFileName,
  invoiceNumber,
  utcDate,
} from "../lib/admin/order-documents.ts";
import { shopDetails } from "../lib/admin/shop-details.ts";

const shop = shopDetails({
  SHOP_LEGAL_NAME: "Example Trading GmbH",
  SHOP_ADDRESS: "Hauptstraße 5|80331 München|Germany",
  SHOP_VAT_ID: "DE999999999",
  SHOP_EMAIL: "billing@example.com",
});

/** A German order (VAT 19 % inside the prices) with two lines, a discount and standard shipping. */
const order: DocumentOrder = {
  number: "M-20260301-0042",
  email: "alex@example.com",
  placedAt: "2026-03-01T23:30:00.000Z",
  paidAt: "2026-03-01T23:45:00.000Z",
  lines: [
    {
      sku: "JKT-BLU-M",
      title: "Denim Trucker Jacket",
      quantity: 1,
      unitPrice: 8900,
      options: { colour: "Blue", size: "M" },
    },
    { sku: "TEE-WHT-S", title: "Organic Tee", quantity: 2, unitPrice: 1900, options: { size: "S" } },
  ],
  totals: {
    currency: "EUR",
    subtotal: 12700,
    discount: 1270,
    shipping: 495,
    tax: 1904,
    total: 11925,
    taxInclusive: true,
    taxLines: [{ name: "VAT 19%", rateBps: 1900, taxable: 10021, amount: 1904 }],
  },
  discountCode: "SPRING10",
  shippingMethod: { name: "Standard" },
  shippingAddress: {
    name: "Alex Müller",
    line1: "Invalidenstraße 116",
    city: "Berlin",
    postalCode: "10115",
    country: "DE",
  },
  billingAddress: { name: "Alex Müller", line1: "Torstraße 1", city: "Berlin", postalCode: "10119", country: "DE" },
  refundedTotal: 0,
};

async function textOf(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return text.replace(/\s+/g, " ");
}

describe("order documents", () => {
  test("the invoice holds its stable number, the shop's details, both addresses, the lines and net/tax/gross", async () => {
    const bytes = await buildOrderDocument("invoice", order, shop);
    const loaded = await PDFDocument.load(bytes);
    expect(loaded.getPageCount()).toBe(1);
    expect(loaded.getTitle()).toBe("Invoice INV-M-20260301-0042");
    const text = await textOf(bytes);
    expect(invoiceNumber(order.number)).toBe("INV-M-20260301-0042");
    for (const expected of [
      "INVOICE",
      "Invoice number: INV-M-20260301-0042",
      // The date is the payment's, in UTC (23:45 UTC is already the 2nd in Berlin).
      "Invoice date: 2026-03-01 (UTC)",
      "Example Trading GmbH",
      "Hauptstraße 5",
      "80331 München",
      "VAT ID: DE999999999",
      "billing@example.com",
      "Ship to",
      "Invalidenstraße 116",
      "Bill to",
      "Torstraße 1",
      "alex@example.com",
      "Denim Trucker Jacket",
      "SKU JKT-BLU-M",
      "€89.00",
      "€38.00",
      "Discount (SPRING10)",
      "-€12.70",
      "Shipping (Standard)",
      "€4.95",
      // Net = gross − tax; the tax per rate with the amount it was charged on; gross = the order's total.
      "Net total",
      "€100.21",
      "VAT 19% on €100.21",
      "€19.04",
      "Total (gross, EUR)",
      "€119.25",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain("Refunded");
  });

  test("the packing slip has the lines, quantities and shipping address, and no prices", async () => {
    const bytes = await buildOrderDocument("packing-slip", order, shop);
    expect((await PDFDocument.load(bytes)).getTitle()).toBe("Packing slip, order M-20260301-0042");
    const text = await textOf(bytes);
    for (const expected of [
      "PACKING SLIP",
      "Order: M-20260301-0042",
      "Alex Müller",
      "Invalidenstraße 116",
      "Denim Trucker Jacket",
      "SKU TEE-WHT-S · size: S",
      "3 items in 2 lines",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toMatch(/€|\d+\.\d\d/);
    expect(text).not.toContain("VAT ID");
    expect(text).not.toContain("Torstraße");
  });

  test("an order with tax added on top, a refund, many lines and non-Latin text still builds and reads back", async () => {
    const many: DocumentOrder = {
      ...order,
      number: "M-1",
      totals: {
        currency: "USD",
        subtotal: 60000,
        discount: 0,
        shipping: 0,
        tax: 4350,
        total: 64350,
        taxInclusive: false,
        taxLines: [{ name: "CA sales tax 7.25%", rateBps: 725, taxable: 60000, amount: 4350 }],
      },
      lines: Array.from({ length: 40 }, (_, i) => ({
        sku: `SKU-${i}`,
        title: `Item ${i} Łódź 東京`,
        quantity: 1,
        unitPrice: 1500,
      })),
      shippingAddress: { ...order.shippingAddress, country: "US", subdivision: "CA" },
      refundedTotal: 1500,
    };
    const bytes = await buildOrderDocument("invoice", many, shop);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBeGreaterThan(1);
    const text = await textOf(bytes);
    expect(text).toContain("Item 39");
    // ó is WinAnsi, ź loses its accent, Ł and 東京 have no Latin form.
    expect(text).toContain("Item 0 ?ódz ??");
    expect(text).toContain("CA sales tax 7.25% on $600.00");
    expect(text).toContain("$43.50");
    expect(text).toContain("Net total $600.00");
    expect(text).toContain("$643.50");
    expect(text).toContain("Refunded -$15.00");
  });

  test("file names, UTC dates and the shop's defaults", () => {
    expect(documentFileName("invoice", "M-20260301-0042")).toBe("INV-M-20260301-0042.pdf");
    expect(documentFileName("packing-slip", "M/1")).toBe("packing-slip-M_1.pdf");
    expect(utcDate("2026-03-01T23:45:00.000-05:00")).toBe("2026-03-02");
    expect(shopDetails({})).toEqual({
      legalName: "Mercato Demo GmbH",
      address: ["Invalidenstraße 116", "10115 Berlin", "Germany"],
      vatId: "DE123456789",
      email: "shop@mercato.dev",
    });
  });
});
