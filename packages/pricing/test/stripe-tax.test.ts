/**
 * The Stripe Tax provider against msw standing in for api.stripe.com, answering with the
 * Calculation shapes of Stripe's API reference (POST /v1/tax/calculations with
 * expand[]=line_items, line_items.data.tax_breakdown, shipping_cost.tax_breakdown).
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { type BasketInput, priceBasket, type RegionRules, regionRulesSchema, type TaxRequest } from "../src/index.ts";
import { createStripeTaxProvider, formatRate, percentToBps, StripeTaxError, stripeTaxForm } from "../src/stripe-tax.ts";

const KEY = "sk_test_pricing_stripe_tax";
const URL_CALC = "https://api.stripe.com/v1/tax/calculations";

interface SeenCall {
  form: URLSearchParams;
  authorization: string | null;
  contentType: string | null;
}
const calls: SeenCall[] = [];
/** What the fake Stripe answers next: a function of the form it was sent. */
let answer: (form: URLSearchParams) => Response = () => HttpResponse.json({}, { status: 500 });

const server = setupServer(
  http.post(URL_CALC, async ({ request }) => {
    const form = new URLSearchParams(await request.text());
    calls.push({
      form,
      authorization: request.headers.get("authorization"),
      contentType: request.headers.get("content-type"),
    });
    return answer(form);
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  calls.length = 0;
});
afterAll(() => server.close());

// ── Documented shapes ───────────────────────────────────────────────────────────────────────
interface Jurisdiction {
  country: string;
  display_name: string;
  level: string;
  state: string | null;
}
interface Part {
  amount: number;
  taxable: number;
  reason: string;
  rate: { display_name: string; percentage_decimal: string; tax_type: string } | null;
  jurisdiction: Jurisdiction;
}
const breakdown = (p: Part) => ({
  amount: p.amount,
  jurisdiction: p.jurisdiction,
  sourcing: "destination",
  tax_rate_details: p.rate,
  taxability_reason: p.reason,
  taxable_amount: p.taxable,
});

function lineItem(form: URLSearchParams, n: number, amountTax: number, parts: Part[]) {
  return {
    id: `tax_li_${n}`,
    object: "tax.calculation_line_item",
    amount: Number(form.get(`line_items[${n}][amount]`)),
    amount_tax: amountTax,
    livemode: false,
    metadata: {},
    product: null,
    quantity: Number(form.get(`line_items[${n}][quantity]`) ?? 1),
    reference: form.get(`line_items[${n}][reference]`),
    tax_behavior: form.get(`line_items[${n}][tax_behavior]`),
    tax_breakdown: parts.map(breakdown),
    tax_code: form.get(`line_items[${n}][tax_code]`),
  };
}

function calculation(
  form: URLSearchParams,
  items: ReturnType<typeof lineItem>[],
  shipping: { amountTax: number; parts: Part[] } | null,
) {
  const inclusive = form.get("line_items[0][tax_behavior]") === "inclusive";
  const tax = items.reduce((n, li) => n + li.amount_tax, 0) + (shipping?.amountTax ?? 0);
  const gross = items.reduce((n, li) => n + li.amount, 0) + Number(form.get("shipping_cost[amount]") ?? 0);
  return {
    id: "taxcalc_test_1",
    object: "tax.calculation",
    amount_total: inclusive ? gross : gross + tax,
    currency: form.get("currency"),
    customer: null,
    customer_details: {
      address: {
        city: null,
        country: form.get("customer_details[address][country]"),
        line1: null,
        line2: null,
        postal_code: form.get("customer_details[address][postal_code]"),
        state: form.get("customer_details[address][state]"),
      },
      address_source: "shipping",
      ip_address: null,
      tax_ids: [],
      taxability_override: "none",
    },
    expires_at: 1_790_000_000,
    line_items: { object: "list", data: items, has_more: false, url: "/v1/tax/calculations/taxcalc_test_1/line_items" },
    livemode: false,
    ship_from_details: null,
    shipping_cost: shipping
      ? {
          amount: Number(form.get("shipping_cost[amount]")),
          amount_tax: shipping.amountTax,
          tax_behavior: form.get("shipping_cost[tax_behavior]"),
          tax_breakdown: shipping.parts.map(breakdown),
          tax_code: form.get("shipping_cost[tax_code]") ?? "txcd_92010001",
        }
      : null,
    tax_amount_exclusive: inclusive ? 0 : tax,
    tax_amount_inclusive: inclusive ? tax : 0,
    tax_breakdown: [],
    tax_date: 1_789_900_000,
  };
}

const FR: Jurisdiction = { country: "FR", display_name: "France", level: "country", state: null };
const CA: Jurisdiction = { country: "US", display_name: "California", level: "state", state: "CA" };
const CA_COUNTY: Jurisdiction = { country: "US", display_name: "Los Angeles County", level: "county", state: "CA" };
const vat = (pct: string) => ({ display_name: "VAT", percentage_decimal: pct, tax_type: "vat" });
const salesTax = (pct: string) => ({
  display_name: "Sales and Use Tax",
  percentage_decimal: pct,
  tax_type: "sales_tax",
});

function stripeError(status: number, type: string, code: string | undefined, message: string, param?: string) {
  return HttpResponse.json(
    { error: { type, ...(code ? { code } : {}), message, ...(param ? { param } : {}) } },
    { status },
  );
}

const provider = createStripeTaxProvider({ secretKey: KEY });

const eu: RegionRules = regionRulesSchema.parse({
  id: "eu",
  name: "Europe",
  currency: "EUR",
  countries: ["FR"],
  defaultCountry: "FR",
  taxInclusive: true,
  taxProvider: "stripe_tax",
  paymentProviders: ["stripe"],
  shippingOptions: [
    {
      id: "eu-express",
      name: "Express",
      speed: "express",
      rule: { kind: "flat", amount: 1290 },
      minDays: 1,
      maxDays: 2,
    },
  ],
  taxRates: [],
});
const us: RegionRules = {
  ...eu,
  id: "us",
  currency: "USD",
  countries: ["US"],
  defaultCountry: "US",
  taxInclusive: false,
};

// ── Tests ───────────────────────────────────────────────────────────────────────────────────
describe("Stripe Tax provider", () => {
  test("inclusive (France): lines and shipping as inclusive, tax from line_items and shipping_cost, totals balanced", async () => {
    answer = (form) =>
      HttpResponse.json(
        calculation(
          form,
          [
            // 2 tees at 2500 gross = 5000: 5000 × 20/120 = 833.33 → 833.
            lineItem(form, 0, 833, [
              { amount: 833, taxable: 4167, reason: "standard_rated", rate: vat("20.0"), jurisdiction: FR },
            ]),
            // A book at 1990 gross, 5.5 %: 103.74 → 104.
            lineItem(form, 1, 104, [
              { amount: 104, taxable: 1886, reason: "reduced_rated", rate: vat("5.5"), jurisdiction: FR },
            ]),
          ],
          {
            amountTax: 215,
            parts: [{ amount: 215, taxable: 1075, reason: "standard_rated", rate: vat("20.0"), jurisdiction: FR }],
          },
        ),
      );
    const input: BasketInput = {
      region: eu,
      lines: [
        { sku: "TEE", unitPrice: 2500, quantity: 2, taxClass: "standard", weightGrams: 200 },
        { sku: "BOOK", unitPrice: 1990, quantity: 1, taxClass: "reduced", weightGrams: 400 },
      ],
      address: { country: "fr", postalCode: "75001" },
      shippingOptionId: "eu-express",
      discount: null,
    };
    const t = await priceBasket(input, provider);

    expect(calls).toHaveLength(1);
    const call = calls[0] as SeenCall;
    expect(call.authorization).toBe(`Bearer ${KEY}`);
    expect(call.contentType).toBe("application/x-www-form-urlencoded");
    const f = call.form;
    expect(f.get("currency")).toBe("eur");
    expect(f.get("line_items[0][amount]")).toBe("5000");
    expect(f.get("line_items[0][quantity]")).toBe("2");
    expect(f.get("line_items[0][reference]")).toBe("L0:TEE");
    expect(f.get("line_items[0][tax_behavior]")).toBe("inclusive");
    expect(f.get("line_items[0][tax_code]")).toBe("txcd_99999999");
    expect(f.get("line_items[1][tax_code]")).toBe("txcd_35010000");
    expect(f.get("shipping_cost[amount]")).toBe("1290");
    expect(f.get("shipping_cost[tax_behavior]")).toBe("inclusive");
    expect(f.get("customer_details[address][country]")).toBe("FR");
    expect(f.get("customer_details[address][postal_code]")).toBe("75001");
    expect(f.get("customer_details[address][state]")).toBeNull();
    expect(f.get("customer_details[address_source]")).toBe("shipping");
    expect(f.getAll("expand[]")).toEqual([
      "line_items",
      "line_items.data.tax_breakdown",
      "shipping_cost.tax_breakdown",
    ]);

    expect(t.tax).toBe(833 + 104 + 215);
    expect(t.total).toBe(5000 + 1990 + 1290);
    expect(t.taxLines).toEqual([
      { name: "VAT 20%", rateBps: 2000, taxable: 5000 - 833 + 1290 - 215, amount: 833 + 215 },
      { name: "VAT 5.5%", rateBps: 550, taxable: 1886, amount: 104 },
    ]);
    expect(t.shippingMethod?.tax).toBe(215);
  });

  test("exclusive, a US state: state and county rates add up, labelled with the state", async () => {
    answer = (form) =>
      HttpResponse.json(
        calculation(
          form,
          [
            // 7500 × (6 % + 1.25 %) = 450 + 93.75 → 544 in all.
            lineItem(form, 0, 544, [
              { amount: 450, taxable: 7500, reason: "standard_rated", rate: salesTax("6.0"), jurisdiction: CA },
              { amount: 94, taxable: 7500, reason: "standard_rated", rate: salesTax("1.25"), jurisdiction: CA_COUNTY },
            ]),
          ],
          {
            amountTax: 0,
            parts: [{ amount: 0, taxable: 0, reason: "not_subject_to_tax", rate: null, jurisdiction: CA }],
          },
        ),
      );
    const request: TaxRequest = {
      currency: "USD",
      taxInclusive: false,
      address: { country: "US", subdivision: "ca", postalCode: "90012" },
      lines: [{ key: "LAMP", amount: 7500, quantity: 1, taxClass: "standard" }],
      shipping: { amount: 899, taxClass: "standard" },
    };
    const result = await provider.calculate(request, us);
    const f = (calls[0] as SeenCall).form;
    expect(f.get("currency")).toBe("usd");
    expect(f.get("line_items[0][tax_behavior]")).toBe("exclusive");
    expect(f.get("customer_details[address][state]")).toBe("CA");
    expect(f.get("customer_details[address][postal_code]")).toBe("90012");
    expect(f.get("shipping_cost[tax_code]")).toBeNull(); // Stripe's default shipping code
    expect(result).toEqual({
      lines: [{ tax: 544, rateBps: 725, name: "CA Sales and Use Tax 7.25%" }],
      shipping: { tax: 0, rateBps: 0, name: "No tax" },
    });
  });

  test("a zero-rated line is sent with the nontaxable code and answers 0; a line of amount 0 is not sent", async () => {
    answer = (form) =>
      HttpResponse.json(
        calculation(
          form,
          [
            lineItem(form, 0, 0, [{ amount: 0, taxable: 0, reason: "not_collecting", rate: null, jurisdiction: FR }]),
            lineItem(form, 1, 0, [
              { amount: 0, taxable: 1200, reason: "zero_rated", rate: vat("0.0"), jurisdiction: FR },
            ]),
          ],
          null,
        ),
      );
    const request: TaxRequest = {
      currency: "EUR",
      taxInclusive: true,
      address: { country: "FR" },
      lines: [
        { key: "GIFT", amount: 0, quantity: 1, taxClass: "standard" },
        { key: "VOUCHER", amount: 800, quantity: 1, taxClass: "zero" },
        { key: "BOOK", amount: 1200, quantity: 1, taxClass: "reduced" },
      ],
      shipping: null,
    };
    const result = await provider.calculate(request, eu);
    const f = (calls[0] as SeenCall).form;
    expect(f.get("line_items[0][reference]")).toBe("L1:VOUCHER");
    expect(f.get("line_items[0][tax_code]")).toBe("txcd_00000000");
    expect(f.get("line_items[1][reference]")).toBe("L2:BOOK");
    expect(f.get("line_items[2][amount]")).toBeNull();
    expect(f.get("shipping_cost[amount]")).toBeNull();
    expect(result).toEqual({
      lines: [
        { tax: 0, rateBps: 0, name: "No tax" },
        { tax: 0, rateBps: 0, name: "No tax" },
        { tax: 0, rateBps: 0, name: "Zero-rated" },
      ],
      shipping: null,
    });
  });

  test("nothing with an amount: no call at all", async () => {
    const result = await provider.calculate(
      {
        currency: "EUR",
        taxInclusive: true,
        address: { country: "FR" },
        lines: [{ key: "FREE", amount: 0, quantity: 1, taxClass: "standard" }],
        shipping: { amount: 0, taxClass: "standard" },
      },
      eu,
    );
    expect(calls).toHaveLength(0);
    expect(result.lines[0]?.tax).toBe(0);
    expect(result.shipping?.tax).toBe(0);
  });

  test("a fully discounted basket that still ships: shipping travels as the only line item", () => {
    const { form, sent, shippingAsLine } = stripeTaxForm({
      currency: "GBP",
      taxInclusive: true,
      address: { country: "GB" },
      lines: [{ key: "TEE", amount: 0, quantity: 1, taxClass: "standard" }],
      shipping: { amount: 399, taxClass: "standard" },
    });
    expect(sent).toEqual([]);
    expect(shippingAsLine).toBe(true);
    expect(form.get("line_items[0][amount]")).toBe("399");
    expect(form.get("line_items[0][reference]")).toBe("shipping");
    expect(form.get("line_items[0][tax_code]")).toBe("txcd_92010001");
    expect(form.get("shipping_cost[amount]")).toBeNull();
  });

  describe("Stripe's errors become a StripeTaxError of a clear kind", () => {
    const request: TaxRequest = {
      currency: "USD",
      taxInclusive: false,
      address: { country: "US", subdivision: "ZZ" },
      lines: [{ key: "LAMP", amount: 7500, quantity: 1, taxClass: "standard" }],
      shipping: null,
    };
    const failure = async () => {
      try {
        await provider.calculate(request, us);
      } catch (err) {
        return err as StripeTaxError;
      }
      throw new Error("expected a failure");
    };

    test("400 customer_tax_location_invalid → invalid_address, with Stripe's param", async () => {
      answer = () =>
        stripeError(
          400,
          "invalid_request_error",
          "customer_tax_location_invalid",
          "We could not determine the customer's tax location based on the provided customer address.",
          "customer_details[address]",
        );
      const err = await failure();
      expect(err).toBeInstanceOf(StripeTaxError);
      expect(err).toMatchObject({ kind: "invalid_address", status: 400, param: "customer_details[address]" });
      expect(err.retryable).toBe(false);
      expect(err.message).toContain("tax location");
    });

    test("401 (a bad key) → refused, and the key is not in the message", async () => {
      answer = () =>
        stripeError(401, "invalid_request_error", undefined, `Invalid API Key provided: ${KEY.slice(0, 8)}****`);
      const err = await failure();
      expect(err).toMatchObject({ kind: "refused", status: 401 });
      expect(err.message).not.toContain(KEY);
    });

    test("500 and 429 → unavailable (retryable)", async () => {
      answer = () => stripeError(500, "api_error", undefined, "An unknown error occurred");
      expect(await failure()).toMatchObject({ kind: "unavailable", status: 500, retryable: true });
      answer = () => stripeError(429, "rate_limit_error", "rate_limit", "Too many requests");
      expect(await failure()).toMatchObject({ kind: "unavailable", status: 429, code: "rate_limit" });
    });

    test("network failure → unavailable", async () => {
      answer = () => HttpResponse.error();
      expect(await failure()).toMatchObject({ kind: "unavailable", status: null });
    });

    test("an answer without the documented shape → malformed", async () => {
      answer = (form) => {
        const calc = calculation(form, [], null);
        return HttpResponse.json(calc);
      };
      expect(await failure()).toMatchObject({ kind: "malformed" });
      answer = () => HttpResponse.json({ object: "tax.calculation" });
      expect(await failure()).toMatchObject({ kind: "malformed" });
    });
  });

  test("rates: decimal strings to basis points exactly, and back to labels", () => {
    expect(["20.0", "5.5", "7.25", "0.0", "8.875", "25.5"].map(percentToBps)).toEqual([2000, 550, 725, 0, 888, 2550]);
    expect([2000, 550, 725, 0, 2550].map(formatRate)).toEqual(["20%", "5.5%", "7.25%", "0%", "25.5%"]);
    expect(() => percentToBps("abc")).toThrow(StripeTaxError);
  });
});
