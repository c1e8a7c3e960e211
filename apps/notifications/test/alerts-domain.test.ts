import { describe, expect, test } from "bun:test";
import { parseDeadLetterSubject } from "@mercato/events";
import {
  deadLetteredAlert,
  isPaymentFailureSpike,
  isStuck,
  lowStockAlert,
  paymentFailureSpikeAlert,
  stuckOrderAlert,
} from "../src/domain/alerts.ts";
import { awayEmailDue, plainText, previewOf, rateKey } from "../src/domain/support.ts";
import { renderEmail } from "../src/templates/render.tsx";
import { supportReplyEmail } from "../src/templates/support-reply.tsx";

const at = (s: number) => new Date(Date.UTC(2026, 11, 1, 12, 0, s));

describe("alert rules (#22)", () => {
  test("each cause has one key: the low-stock event, the spike's event, the order, the consumer and event", () => {
    expect(lowStockAlert("ev1", { sku: "TEE-M", available: 2, threshold: 3 })).toEqual({
      kind: "low_stock",
      dedupeKey: "low_stock:ev1",
      subject: "TEE-M",
      message: "TEE-M: 2 available, at or below its threshold of 3",
    });
    expect(paymentFailureSpikeAlert("ev2", 5, 600).message).toBe("5 payments failed within 10 min");
    expect(paymentFailureSpikeAlert("ev2", 5, 45).message).toBe("5 payments failed within 45 s");
    expect(stuckOrderAlert({ orderId: "o1", number: "M-1" }, 1800)).toMatchObject({
      dedupeKey: "stuck_order:o1",
      message: "Order M-1 was placed 30 min ago and is neither paid nor cancelled",
    });
    const letter = {
      consumer: "orders",
      eventType: "payments.succeeded.v1",
      eventId: "e9",
      reason: "amount",
      sequence: 4,
    };
    expect(deadLetteredAlert(letter)).toMatchObject({
      dedupeKey: "dead_lettered:orders:e9",
      subject: "orders: payments.succeeded.v1",
      message: "orders gave up on payments.succeeded.v1 e9: amount",
    });
    expect(deadLetteredAlert({ ...letter, eventId: null }).dedupeKey).toBe("dead_lettered:orders:seq-4");
    expect(deadLetteredAlert({ ...letter, reason: "x".repeat(5000) }).message.length).toBe(1000);
  });

  test("a spike needs the limit within the window and no spike alert in it already", () => {
    expect(isPaymentFailureSpike(4, 5, null, at(0))).toBe(false);
    expect(isPaymentFailureSpike(5, 5, null, at(0))).toBe(true);
    expect(isPaymentFailureSpike(6, 5, at(10), at(0))).toBe(false);
    expect(isPaymentFailureSpike(6, 5, at(0), at(10))).toBe(true);
  });

  test("stuck at the cutoff, not before; dead-letter subjects name the consumer and the type", () => {
    expect(isStuck(at(0), at(0))).toBe(true);
    expect(isStuck(at(1), at(0))).toBe(false);
    expect(parseDeadLetterSubject("deadletter.orders.payments.succeeded.v1")).toEqual({
      consumer: "orders",
      eventType: "payments.succeeded.v1",
    });
    expect(parseDeadLetterSubject("orders.placed.v1")).toBeNull();
  });
});

describe("support chat rules (#22)", () => {
  test("plain text: control characters gone, CRLF as LF, markup kept as typed", () => {
    expect(plainText("  hi\u0000\r\n<b>there</b>\u0007 ")).toBe("hi\n<b>there</b>");
    expect(previewOf("\nfirst line\nsecond")).toBe("first line");
    expect(previewOf("y".repeat(200)).length).toBe(140);
  });

  test("the away email is due once the time passed and the shopper has not seen the last answer", () => {
    const base = { awayEmailDueAt: at(10), shopperSeenAt: at(0), lastStaffAnswerAt: at(5) };
    expect(awayEmailDue(base, at(9))).toBe(false);
    expect(awayEmailDue(base, at(10))).toBe(true);
    expect(awayEmailDue({ ...base, shopperSeenAt: at(6) }, at(11))).toBe(false);
    expect(awayEmailDue({ ...base, shopperSeenAt: null }, at(11))).toBe(true);
    expect(awayEmailDue({ ...base, awayEmailDueAt: null }, at(11))).toBe(false);
  });

  test("rate windows are fixed per user", () => {
    expect(rateKey("u1", at(0), 60)).toBe(rateKey("u1", at(59), 60));
    expect(rateKey("u1", at(0), 60)).not.toBe(rateKey("u2", at(0), 60));
  });

  test("the away email escapes the answer in HTML and links to the order", () => {
    const email = renderEmail(
      supportReplyEmail,
      { orderId: "o 1", preview: "<img src=x onerror=alert(1)>" },
      { shopName: "Mercato", storefrontUrl: "https://shop.test" },
    );
    expect(email.subject).toBe("[Mercato] Support answered your message");
    expect(email.html).not.toContain("<img");
    expect(email.html).toContain("&lt;img");
    expect(email.text).toContain("https://shop.test/account/orders/o%201");
  });
});
