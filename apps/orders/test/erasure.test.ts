import { describe, expect, test } from "bun:test";
import { ERASED_EMAIL, ERASED_TEXT, eraseTraces } from "../src/domain/erasure.ts";

describe("erasure of a deleted user's traces (pure)", () => {
  const who = { userId: "u-1", emails: ["erin@example.com"] };

  test("emails (any case), the user id and addresses are replaced; money, lines and other ids stay", () => {
    const placed = {
      orderId: "o-1",
      userId: "u-1",
      email: "Erin@Example.com",
      lines: [{ sku: "SKU-1", name: "Blue mug", unitPrice: 1200, quantity: 2 }],
      totals: { total: 2400, currency: "EUR" },
      shippingAddress: {
        name: "Erin Erasable",
        line1: "7 Forget Lane",
        line2: "Flat 2",
        city: "Berlin",
        postalCode: "10115",
        country: "DE",
        phone: "+49301234567",
      },
      billingAddress: {
        name: "Erin",
        line1: "1 Road",
        city: "Austin",
        postalCode: "78701",
        country: "US",
        subdivision: "TX",
      },
      note: { by: "u-2", cc: "someone@example.com" },
    };
    expect(eraseTraces(placed, who)).toEqual({
      orderId: "o-1",
      userId: null,
      email: ERASED_EMAIL,
      lines: placed.lines,
      totals: placed.totals,
      shippingAddress: {
        name: ERASED_TEXT,
        line1: ERASED_TEXT,
        city: ERASED_TEXT,
        postalCode: ERASED_TEXT,
        country: "DE",
      },
      billingAddress: {
        name: ERASED_TEXT,
        line1: ERASED_TEXT,
        city: ERASED_TEXT,
        postalCode: ERASED_TEXT,
        country: "US",
        subdivision: "TX",
      },
      note: { by: "u-2", cc: "someone@example.com" },
    });
  });

  test("an envelope in the outbox is walked the same way; a second pass changes nothing", () => {
    const envelope = {
      id: "e-1",
      type: "orders.placed.v1",
      data: { userId: "u-1", email: "erin@example.com", items: [] },
    };
    const once = eraseTraces(envelope, who);
    expect(once).toEqual({
      id: "e-1",
      type: "orders.placed.v1",
      data: { userId: null, email: ERASED_EMAIL, items: [] },
    });
    expect(eraseTraces(once, who)).toEqual(once);
  });
});
