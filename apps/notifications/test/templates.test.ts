import { describe, expect, test } from "bun:test";
import { OrderPaidEvent, OrderShippedEvent } from "@mercato/events";
import { exchangeShippedEmail } from "../src/templates/exchange-shipped.tsx";
import { linesCancelledEmail } from "../src/templates/lines-cancelled.tsx";
import { lowStockEmail } from "../src/templates/low-stock.tsx";
import { orderCancelledEmail } from "../src/templates/order-cancelled.tsx";
import { orderConfirmationEmail } from "../src/templates/order-confirmation.tsx";
import { orderDeliveredEmail } from "../src/templates/order-delivered.tsx";
import { orderRefundedEmail } from "../src/templates/order-refunded.tsx";
import { orderShippedEmail } from "../src/templates/order-shipped.tsx";
import { passwordResetEmail } from "../src/templates/password-reset.tsx";
import { paymentFailedEmail } from "../src/templates/payment-failed.tsx";
import { renderEmail } from "../src/templates/render.tsx";
import { returnApprovedEmail } from "../src/templates/return-approved.tsx";
import { returnRefundedEmail } from "../src/templates/return-refunded.tsx";
import { returnRejectedEmail } from "../src/templates/return-rejected.tsx";
import { returnRequestedEmail } from "../src/templates/return-requested.tsx";
import { shipmentDeliveredEmail } from "../src/templates/shipment-delivered.tsx";
import { shipmentShippedEmail } from "../src/templates/shipment-shipped.tsx";
import { verifyEmail } from "../src/templates/verify-email.tsx";
import { welcomeEmail } from "../src/templates/welcome.tsx";

const config = { shopName: "Acme Goods", storefrontUrl: "https://shop.example/" };

/** Each key text must be in both renderings; HTML text is compared after entity decoding. */
function expectBoth(email: { html: string; text: string }, ...needles: string[]) {
  const htmlText = email.html
    .replace(/&amp;/g, "&")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"');
  for (const n of needles) {
    expect(htmlText).toContain(n);
    expect(email.text).toContain(n);
  }
}

function expectDocument(email: { html: string; text: string }) {
  expect(email.html.startsWith("<!DOCTYPE html><html")).toBe(true);
  expect(email.html).not.toContain("<script");
  expectBoth(email, "Acme Goods", "https://shop.example/");
  expect(email.text).not.toMatch(/<\/?(html|body|p|a|table|div)\b/);
}

describe("email templates (HTML and plain text from the same data)", () => {
  test("welcome", () => {
    const e = renderEmail(welcomeEmail, { name: "Ada <b>Lovelace</b>" }, config);
    expectDocument(e);
    expect(e.subject).toBe("Welcome to Acme Goods");
    expect(e.text).toContain("Welcome, Ada <b>Lovelace</b>!"); // text is verbatim
    expect(e.html).toContain("Ada &lt;b&gt;Lovelace&lt;/b&gt;"); // HTML escapes what people type
  });

  test("password reset: link and UTC expiry", () => {
    const e = renderEmail(
      passwordResetEmail,
      { name: "Ada", resetUrl: "https://shop.example/reset?token=abc&x=1", expiresAt: "2026-11-24T15:30:00.000Z" },
      config,
    );
    expectDocument(e);
    expect(e.subject).toBe("Reset your Acme Goods password");
    expectBoth(e, "https://shop.example/reset?token=abc&x=1", "24 Nov 2026, 15:30 UTC");
    expect(e.html).toContain('href="https://shop.example/reset?token=abc&amp;x=1"');
  });

  test("email verification: the confirmation link", () => {
    const e = renderEmail(verifyEmail, { name: "Ada", verifyUrl: "https://shop.example/verify?token=t1" }, config);
    expectDocument(e);
    expect(e.subject).toBe("Confirm your email for Acme Goods");
    expectBoth(e, "Hi Ada", "https://shop.example/verify?token=t1");
  });

  test("order confirmation: lines, totals with discount and address", () => {
    const e = renderEmail(
      orderConfirmationEmail,
      {
        orderId: "ord_1",
        number: "M-1001",
        lines: [
          { sku: "TEE-M", productId: "p1", title: "Tee", quantity: 2, unitPrice: 1999 },
          { sku: "CAP", productId: "p2", title: "Cap", quantity: 1, unitPrice: 1250 },
        ],
        totals: {
          currency: "EUR",
          subtotal: 5248,
          discount: 500,
          shipping: 0,
          tax: 0,
          total: 4748,
          taxInclusive: false,
          taxLines: [],
        },
        discountCode: "WELCOME5",
        shippingAddress: { name: "Ada L", line1: "1 Main St", city: "Paris", postalCode: "75001", country: "FR" },
      },
      config,
    );
    expectDocument(e);
    expect(e.subject).toBe("Acme Goods order M-1001 is confirmed");
    expectBoth(e, "Tee", "TEE-M", "€39.98", "€12.50", "€52.48", "Discount (WELCOME5)", "-€5.00", "Free", "€47.48");
    expectBoth(e, "Ada L", "1 Main St", "75001 Paris", "FR", "https://shop.example/account/orders/ord_1");
  });

  const address = { name: "Ada L", line1: "1 Main St", city: "Paris", postalCode: "75001", country: "FR" };

  test("order confirmation, tax-inclusive region: each VAT line (included) after the total, shipping with its estimate", () => {
    const e = renderEmail(
      orderConfirmationEmail,
      {
        orderId: "ord_eu",
        number: "M-2001",
        lines: [
          { sku: "TEE", productId: "p1", title: "Tee", quantity: 1, unitPrice: 1800 },
          { sku: "BOOK", productId: "p2", title: "Novel", quantity: 1, unitPrice: 1990 },
        ],
        totals: {
          currency: "EUR",
          subtotal: 3790,
          discount: 0,
          shipping: 1290,
          tax: 300 + 215 + 104,
          total: 3790 + 1290,
          taxInclusive: true,
          taxLines: [
            { name: "VAT 20%", rateBps: 2000, taxable: 1500 + 1075, amount: 300 + 215 },
            { name: "VAT 5.5%", rateBps: 550, taxable: 1886, amount: 104 },
          ],
        },
        discountCode: null,
        shippingAddress: address,
        shippingMethod: {
          optionId: "eu-express",
          name: "Express",
          speed: "express",
          amount: 1290,
          tax: 215,
          taxClass: "standard",
          minDays: 1,
          maxDays: 2,
        },
      },
      config,
    );
    expectDocument(e);
    expectBoth(e, "Shipping: Express, 1–2 working days", "€12.90", "€50.80", "VAT 20% (included)", "€5.15");
    expectBoth(e, "VAT 5.5% (included)", "€1.04");
    // Inclusive: the tax is part of the total, so it reads after it, and no tax is added on top.
    expect(e.text).toContain("Total: €50.80\nVAT 20% (included): €5.15\nVAT 5.5% (included): €1.04");
  });

  test("order confirmation, tax-exclusive region (US, by state): the tax line before the total, in dollars", () => {
    const e = renderEmail(
      orderConfirmationEmail,
      {
        orderId: "ord_us",
        number: "M-2002",
        lines: [{ sku: "LAMP", productId: "p3", title: "Lamp", quantity: 1, unitPrice: 7500 }],
        totals: {
          currency: "USD",
          subtotal: 7500,
          discount: 0,
          shipping: 899,
          tax: 544,
          total: 7500 + 899 + 544,
          taxInclusive: false,
          taxLines: [
            { name: "CA sales tax 7.25%", rateBps: 725, taxable: 7500, amount: 544 },
            { name: "Zero-rated", rateBps: 0, taxable: 899, amount: 0 },
          ],
        },
        discountCode: null,
        shippingAddress: { ...address, city: "Los Angeles", postalCode: "90012", country: "US", subdivision: "CA" },
        shippingMethod: {
          optionId: "us-standard",
          name: "Standard",
          speed: "standard",
          amount: 899,
          tax: 0,
          taxClass: "zero",
          minDays: 3,
          maxDays: 7,
        },
      },
      config,
    );
    expectBoth(e, "$75.00", "Shipping: Standard, 3–7 working days", "$8.99", "CA sales tax 7.25%", "$5.44", "$89.43");
    expect(e.text).toContain("CA sales tax 7.25%: $5.44\nTotal: $89.43");
    expect(e.text).not.toContain("(included)");
    expect(e.text).not.toContain("Zero-rated"); // a tax line of 0 says nothing
    expect(e.text).not.toContain("US$");
  });

  test("order confirmation from an orders.paid event of before regions: one Tax row, plain Shipping", () => {
    // Parsed as the consumer parses it: the schema fills in what old events lack.
    const old = OrderPaidEvent.data.parse({
      orderId: "ord_old",
      number: "M-0999",
      userId: null,
      email: "ada@example.com",
      lines: [{ sku: "TEE-M", productId: "p1", title: "Tee", quantity: 2, unitPrice: 1999 }],
      totals: { currency: "EUR", subtotal: 3998, discount: 0, shipping: 495, tax: 800, total: 5293 },
      discountCode: null,
      shippingAddress: address,
    });
    expect(old.shippingMethod).toBeNull();
    const e = renderEmail(orderConfirmationEmail, old, config);
    expectDocument(e);
    expect(e.text).toContain("Shipping: €4.95\nTax: €8.00\nTotal: €52.93");
  });

  test("payment failed: reason and a link back to pay", () => {
    const e = renderEmail(paymentFailedEmail, { orderId: "ord_2", number: "M-1002", reason: "card declined" }, config);
    expectDocument(e);
    expect(e.subject).toBe("Payment for order M-1002 did not go through");
    expectBoth(e, "card declined", "https://shop.example/checkout/pay/ord_2");
  });

  test("shipped: carrier and tracking number", () => {
    const e = renderEmail(
      orderShippedEmail,
      { orderId: "ord_3", number: "M-1003", carrier: "DHL", trackingNumber: "JD0123" },
      config,
    );
    expectDocument(e);
    expect(e.subject).toBe("Order M-1003 is on its way");
    expectBoth(e, "DHL", "JD0123", "https://shop.example/account/orders/ord_3");
    expect(e.text).not.toContain("Delivery:");
  });

  test("shipped with the order's shipping method: the delivery estimate", () => {
    const data = OrderShippedEvent.data.parse({
      orderId: "ord_uk",
      number: "M-1010",
      email: "ada@example.com",
      carrier: "Royal Mail",
      trackingNumber: "RM123",
      shippingMethod: {
        optionId: "uk-express",
        name: "Express",
        speed: "express",
        amount: 999,
        tax: 167,
        taxClass: "standard",
        minDays: 1,
        maxDays: 1,
      },
    });
    const e = renderEmail(orderShippedEmail, data, config);
    expectDocument(e);
    expectBoth(e, "Royal Mail", "RM123", "Delivery: Express, 1 working day.");
  });

  test("delivered", () => {
    const e = renderEmail(orderDeliveredEmail, { orderId: "ord_4", number: "M-1004" }, config);
    expectDocument(e);
    expect(e.subject).toBe("Order M-1004 was delivered");
    expectBoth(e, "has arrived", "https://shop.example/account/orders/ord_4");
  });

  test("cancelled: says whether money comes back", () => {
    const paid = renderEmail(
      orderCancelledEmail,
      { orderId: "o", number: "M-1005", reason: "requested by customer", wasPaid: true },
      config,
    );
    const unpaid = renderEmail(
      orderCancelledEmail,
      { orderId: "o", number: "M-1005", reason: "reservation expired", wasPaid: false },
      config,
    );
    expectDocument(paid);
    expect(paid.subject).toBe("Order M-1005 was cancelled");
    expectBoth(paid, "requested by customer", "will be refunded");
    expectBoth(unpaid, "reservation expired", "You have not been charged.");
  });

  test("cancelled by the shopper: the email shows the label of the reason picked from the fixed list", () => {
    const e = renderEmail(
      orderCancelledEmail,
      { orderId: "o", number: "M-1007", reason: "found_cheaper", wasPaid: false },
      config,
    );
    expectBoth(e, "I found it cheaper elsewhere");
    expect(e.text).not.toContain("found_cheaper");
  });

  test("refunded: the amount, full or partial", () => {
    const e = renderEmail(
      orderRefundedEmail,
      { orderId: "o", number: "M-1006", amount: 1550, currency: "GBP", full: false },
      config,
    );
    expectDocument(e);
    expect(e.subject).toBe("Refund of £15.50 for order M-1006");
    expectBoth(e, "a partial refund of £15.50");
    const odd = renderEmail(
      orderRefundedEmail,
      { orderId: "o", number: "M-1", amount: 1005, currency: "CHF", full: true },
      config,
    );
    expectBoth(odd, "a full refund of 10.05 CHF");
  });

  test("low stock: SKU, what is left and a link to inventory", () => {
    const e = renderEmail(lowStockEmail, { sku: "TEE-M", available: 2, threshold: 5 }, config);
    expectDocument(e);
    expect(e.subject).toBe("[Acme Goods] Low stock: TEE-M (2 left)");
    expectBoth(e, "Only 2 left of TEE-M", "threshold 5", "https://shop.example/admin/inventory?sku=TEE-M");
  });
});

describe("fulfilment and return emails (#19)", () => {
  const tee = { sku: "TEE-M", quantity: 2, title: "Tee & Cotton" };
  const mug = { sku: "MUG-1", quantity: 1, title: null };

  test("a shipment: its lines, carrier, tracking number and tracking link", () => {
    const e = renderEmail(
      shipmentShippedEmail,
      {
        orderId: "ord_1",
        number: "M-1001",
        carrier: "DHL",
        trackingNumber: "JD0001",
        trackingUrl: "https://track.example/?n=JD0001&l=en",
        lines: [tee, mug],
        shippingMethod: null,
        complete: false,
      },
      config,
    );
    expectDocument(e);
    expect(e.subject).toBe("Order M-1001: a parcel is on its way");
    expectBoth(e, "2 × Tee & Cotton (TEE-M)", "1 × MUG-1", "JD0001", "DHL", "https://track.example/?n=JD0001&l=en");
    expectBoth(e, "The rest follows in another parcel.", "https://shop.example/account/orders/ord_1");
    expect(e.html).toContain('href="https://track.example/?n=JD0001&amp;l=en"');
    expect(e.html).toContain("Tee &amp; Cotton");
    const last = renderEmail(
      shipmentShippedEmail,
      {
        orderId: "ord_1",
        number: "M-1001",
        carrier: "UPS",
        trackingNumber: "1Z",
        trackingUrl: null,
        lines: [mug],
        shippingMethod: {
          optionId: "eu-express",
          name: "Express",
          speed: "express",
          amount: 990,
          tax: 0,
          taxClass: "standard",
          minDays: 1,
          maxDays: 2,
        },
        complete: true,
      },
      config,
    );
    expectBoth(last, "The last parcel of your order left our warehouse with UPS.", "Express, 1–2 working days");
    expect(last.text).not.toContain("Track your parcel");
  });

  test("a delivered shipment: its lines and until when they may be returned", () => {
    const e = renderEmail(
      shipmentDeliveredEmail,
      { orderId: "ord_1", number: "M-1001", lines: [tee], returnableUntil: "2026-12-31T10:00:00.000Z", complete: true },
      config,
    );
    expectDocument(e);
    expect(e.subject).toBe("Order M-1001: a parcel was delivered");
    expectBoth(e, "2 × Tee & Cotton (TEE-M)", "until 31 Dec 2026", "The last parcel of your order has arrived.");
  });

  const ret = {
    orderId: "ord_1",
    number: "M-1001",
    returnNumber: "R-M-1001-1",
    lines: [{ ...tee, quantity: 1, note: "reason: Too small" }],
    instructions: "Pack the items.\nSend the parcel to Mercato Returns, 1 Dock Rd, Berlin.",
  };

  test("return requested: the return number, the lines with their reasons, the instructions", () => {
    const e = renderEmail(returnRequestedEmail, ret, config);
    expectDocument(e);
    expect(e.subject).toBe("Return R-M-1001-1 requested for order M-1001");
    expectBoth(e, "R-M-1001-1", "1 × Tee & Cotton (TEE-M) — reason: Too small", "Pack the items.");
    expectBoth(e, "Send the parcel to Mercato Returns, 1 Dock Rd, Berlin.");
  });

  test("return approved: instructions, and an exchange's price difference charged or refunded", () => {
    const plain = renderEmail(
      returnApprovedEmail,
      { ...ret, note: "", exchangeDifference: null, currency: "EUR" },
      config,
    );
    expectDocument(plain);
    expect(plain.subject).toBe("Return R-M-1001-1 approved");
    expectBoth(plain, "is approved", "Send the parcel to Mercato Returns", "We refund the items once the parcel");
    const dearer = renderEmail(
      returnApprovedEmail,
      { ...ret, note: "Thanks!", exchangeDifference: 250, currency: "EUR" },
      config,
    );
    expectBoth(dearer, "Thanks!", "costs €2.50 more: that difference is charged");
    const cheaper = renderEmail(
      returnApprovedEmail,
      { ...ret, note: "", exchangeDifference: -1000, currency: "GBP" },
      config,
    );
    expectBoth(cheaper, "costs £10.00 less: that difference is refunded");
  });

  test("return rejected: the note", () => {
    const e = renderEmail(returnRejectedEmail, { ...ret, note: "Worn items cannot be returned." }, config);
    expectDocument(e);
    expect(e.subject).toBe("Return R-M-1001-1 was not approved");
    expectBoth(e, "Worn items cannot be returned.", "could not approve your return R-M-1001-1");
  });

  test("return received and refunded: the exact refund in the order's currency", () => {
    const e = renderEmail(
      returnRefundedEmail,
      {
        orderId: "ord_1",
        number: "M-1001",
        returnNumber: "R-M-1001-1",
        amount: 1681,
        currency: "EUR",
      },
      config,
    );
    expectDocument(e);
    expect(e.subject).toBe("Return R-M-1001-1: refund of €16.81");
    expectBoth(e, "has arrived and we have refunded €16.81");
  });

  test("exchange shipped: the replacement, its return and tracking", () => {
    const e = renderEmail(
      exchangeShippedEmail,
      {
        orderId: "ord_1",
        number: "M-1001",
        returnNumber: "R-M-1001-1",
        carrier: "DHL",
        trackingNumber: "JD0002",
        trackingUrl: "https://track.example/JD0002",
        lines: [{ sku: "TEE-L", quantity: 1, title: null }],
      },
      config,
    );
    expectDocument(e);
    expect(e.subject).toBe("Order M-1001: your exchange is on its way");
    expectBoth(e, "The replacement for return R-M-1001-1", "1 × TEE-L", "JD0002", "https://track.example/JD0002");
  });

  test("lines cancelled: the lines and their refund", () => {
    const e = renderEmail(
      linesCancelledEmail,
      {
        orderId: "ord_1",
        number: "M-1001",
        lines: [mug],
        reason: "out of stock",
        wasPaid: true,
        refundAmount: 1299,
        currency: "USD",
      },
      config,
    );
    expectDocument(e);
    expect(e.subject).toBe("Order M-1001: items cancelled");
    expectBoth(e, "1 × MUG-1", "Reason: out of stock", "We have refunded $12.99 for them");
    const unpaid = renderEmail(
      linesCancelledEmail,
      { orderId: "o", number: "M-2", lines: [mug], reason: "x", wasPaid: false, refundAmount: 0, currency: "EUR" },
      config,
    );
    expectBoth(unpaid, "You have not been charged for them.");
  });
});
