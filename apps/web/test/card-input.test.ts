// The test card form's browser-side checks (card-validator), and the search bound the listing
// takes from the catalog's contract.
import { describe, expect, test } from "bun:test";
import { listInput as catalogListInput } from "@mercato/catalog/contract";
import { confirmTestInput } from "@mercato/payments/contract";
import { cardErrors, confirmCard } from "../lib/shop/card-input.ts";
import { boundQuery, parseListing, SEARCH_MAX_LENGTH } from "../lib/shop/listing.ts";

const nextYear = String((new Date().getUTCFullYear() + 1) % 100).padStart(2, "0");

describe("test card checks", () => {
  test("a good card, with the expiry written either way, has no errors", () => {
    expect(cardErrors({ number: "4242 4242 4242 4242", expiry: `12 / ${nextYear}`, cvc: "123" })).toEqual({});
    expect(cardErrors({ number: "4242424242424242", expiry: `01/20${nextYear}`, cvc: "123" })).toEqual({});
    // Amex: four digits.
    expect(cardErrors({ number: "3782 822463 10005", expiry: `12/${nextYear}`, cvc: "1234" })).toEqual({});
  });

  test("each problem is named by the provider's field", () => {
    expect(cardErrors({ number: "4242 4242 4242 4241", expiry: "01/20", cvc: "1" })).toEqual({
      "card.number": "Enter a valid card number.",
      "card.expiry": "This card has expired.",
      "card.cvc": "Enter the 3-digit security code.",
    });
    expect(cardErrors({ number: "3782 822463 10005", expiry: `12/${nextYear}`, cvc: "123" })).toEqual({
      "card.cvc": "Enter the 4-digit security code.",
    });
    expect(cardErrors({ number: "4242 4242 4242 4242", expiry: "13/30", cvc: "123" })["card.expiry"]).toBe(
      "Enter the expiry as MM / YY.",
    );
    expect(cardErrors({ number: "4242 4242 4242 4242", expiry: "12/99", cvc: "123" })["card.expiry"]).toBe(
      "Check the expiry year.",
    );
    expect(Object.keys(cardErrors({ number: "", expiry: "", cvc: "" })).sort()).toEqual([
      "card.cvc",
      "card.expiry",
      "card.number",
    ]);
  });

  test("the payment call carries what payments' contract takes: the details when it can, trimmed", () => {
    const sent = confirmCard({ number: " 4242 4242 4242 4242 ", expiry: " 12 / 34", cvc: "123 " });
    expect(confirmTestInput.shape.card.safeParse(sent.card).success).toBe(true);
    const details = { number: "4242 4242 4242 4242", expiry: "12 / 34", cvc: "123" };
    const takesDetails = confirmTestInput.shape.card.safeParse(details).success;
    // On a contract with card details the expiry and CVC travel with the number; else the number alone.
    expect<unknown>(sent.card).toEqual(takesDetails ? details : details.number);
  });
});

describe("search bound", () => {
  test("is the catalog contract's own maximum, and a longer query is cut to it", () => {
    expect(SEARCH_MAX_LENGTH).toBe(catalogListInput.shape.q.unwrap().maxLength!);
    const long = `  ${"jacket ".repeat(60)}`;
    const q = parseListing({ q: long }).q!;
    expect(q.length).toBeLessThanOrEqual(SEARCH_MAX_LENGTH);
    expect(q).toBe(long.trim().slice(0, SEARCH_MAX_LENGTH).trim());
    expect(catalogListInput.safeParse({ q }).success).toBe(true);
    expect(boundQuery("   ")).toBe("");
    expect(parseListing({ q: "   " }).q).toBeUndefined();
  });
});
