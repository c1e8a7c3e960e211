/**
 * payments.internal.calculateTax over real HTTP: with the test provider it answers from the
 * region's rate table; with a Stripe key (msw standing in for api.stripe.com, documented
 * Calculation shapes) it asks Stripe Tax for regions whose taxProvider is stripe_tax.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { SERVICE_TOKEN_HEADER } from "@mercato/kit";
import { type RegionRules, regionRulesSchema, type TaxRequest } from "@mercato/pricing";
import { testServiceSigner } from "@mercato/testing";
import { mockThirdParties } from "@mercato/testing/msw";
import { createTRPCClient, httpLink } from "@trpc/client";
import { HttpResponse, http } from "msw";
import superjson from "superjson";
import type { PaymentsRouter } from "../src/index.ts";
import { failure, internalClient, type PaymentsUnderTest, startInfra, startPayments } from "./harness.ts";

const us: RegionRules = regionRulesSchema.parse({
  id: "us",
  name: "United States",
  currency: "USD",
  countries: ["US"],
  defaultCountry: "US",
  taxInclusive: false,
  taxProvider: "stripe_tax",
  paymentProviders: ["stripe", "test"],
  shippingOptions: [],
  taxRates: [{ country: "US", subdivision: "CA", taxClass: "standard", rateBps: 725, name: "CA sales tax 7.25%" }],
});
const request: TaxRequest = {
  currency: "USD",
  taxInclusive: false,
  address: { country: "US", subdivision: "CA", postalCode: "94103" },
  lines: [
    { key: "LAMP", amount: 7500, quantity: 1, taxClass: "standard" },
    { key: "CARD", amount: 300, quantity: 3, taxClass: "zero" },
  ],
  shipping: { amount: 899, taxClass: "standard" },
};

/** Stripe's Calculation for the request above: 7500 at CA 6 % + SF county 1.25 % (+ district 1.375 %). */
function stripeCalculation(form: URLSearchParams) {
  const jurisdiction = (level: string, name: string) => ({ country: "US", display_name: name, level, state: "CA" });
  const part = (amount: number, taxable: number, pct: string, level: string, name: string) => ({
    amount,
    jurisdiction: jurisdiction(level, name),
    sourcing: "destination",
    tax_rate_details: { display_name: "Sales and Use Tax", percentage_decimal: pct, tax_type: "sales_tax" },
    taxability_reason: "standard_rated",
    taxable_amount: taxable,
  });
  const item = (n: number, amountTax: number, breakdown: unknown[]) => ({
    id: `tax_li_${n}`,
    object: "tax.calculation_line_item",
    amount: Number(form.get(`line_items[${n}][amount]`)),
    amount_tax: amountTax,
    livemode: false,
    metadata: {},
    product: null,
    quantity: Number(form.get(`line_items[${n}][quantity]`)),
    reference: form.get(`line_items[${n}][reference]`),
    tax_behavior: "exclusive",
    tax_breakdown: breakdown,
    tax_code: form.get(`line_items[${n}][tax_code]`),
  });
  return {
    id: "taxcalc_payments_1",
    object: "tax.calculation",
    amount_total: 7500 + 300 + 899 + 722,
    currency: "usd",
    customer: null,
    customer_details: {
      address: { city: null, country: "US", line1: null, line2: null, postal_code: "94103", state: "CA" },
      address_source: "shipping",
      ip_address: null,
      tax_ids: [],
      taxability_override: "none",
    },
    expires_at: 1_790_000_000,
    line_items: {
      object: "list",
      data: [
        item(0, 647, [
          part(450, 7500, "6.0", "state", "California"),
          part(94, 7500, "1.25", "county", "San Francisco"),
          part(103, 7500, "1.375", "district", "San Francisco Special District"),
        ]),
        item(1, 0, [
          {
            amount: 0,
            jurisdiction: jurisdiction("state", "California"),
            sourcing: "destination",
            tax_rate_details: null,
            taxability_reason: "not_collecting",
            taxable_amount: 0,
          },
        ]),
      ],
      has_more: false,
      url: "/v1/tax/calculations/taxcalc_payments_1/line_items",
    },
    livemode: false,
    ship_from_details: null,
    shipping_cost: {
      amount: Number(form.get("shipping_cost[amount]")),
      amount_tax: 75,
      tax_behavior: "exclusive",
      tax_breakdown: [part(75, 899, "8.625", "state", "California")],
      tax_code: "txcd_92010001",
    },
    tax_amount_exclusive: 722,
    tax_amount_inclusive: 0,
    tax_breakdown: [],
    tax_date: 1_789_900_000,
  };
}

const stripeForms: URLSearchParams[] = [];
let stripeAnswer: (form: URLSearchParams) => Response = (form) => HttpResponse.json(stripeCalculation(form));

let infra: Awaited<ReturnType<typeof startInfra>>;
let testMode: PaymentsUnderTest;
let withStripe: PaymentsUnderTest;
let msw: ReturnType<typeof mockThirdParties>;

beforeAll(async () => {
  msw = mockThirdParties(
    http.post("https://api.stripe.com/v1/tax/calculations", async ({ request: req }) => {
      const form = new URLSearchParams(await req.text());
      stripeForms.push(form);
      return stripeAnswer(form);
    }),
  );
  infra = await startInfra();
  [testMode, withStripe] = await Promise.all([
    startPayments(infra),
    startPayments(infra, { STRIPE_SECRET_KEY: "sk_test_payments_tax", STRIPE_WEBHOOK_SECRET: "whsec_test_tax" }),
  ]);
}, 60_000);

afterAll(async () => {
  await testMode?.dispose();
  await withStripe?.dispose();
  await infra?.dispose();
  msw?.close();
});

function clientAs(url: string, caller: string) {
  const token = testServiceSigner(caller);
  return createTRPCClient<PaymentsRouter>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        transformer: superjson,
        headers: async () => ({ [SERVICE_TOKEN_HEADER]: await token("payments") }),
      }),
    ],
  });
}

describe("payments.internal.calculateTax", () => {
  test("with the test provider: the region's rate table answers, per line and for shipping", async () => {
    const answer = await internalClient(testMode.url).payments.internal.calculateTax.mutate({ region: us, request });
    expect(answer).toEqual({
      provider: "rates",
      lines: [
        { tax: 544, rateBps: 725, name: "CA sales tax 7.25%" }, // 7500 × 7.25 % = 543.75 → 544
        { tax: 0, rateBps: 0, name: "Zero-rated" },
      ],
      shipping: { tax: 65, rateBps: 725, name: "CA sales tax 7.25%" }, // 899 × 7.25 % = 65.18 → 65
    });
  });

  test("with a Stripe key, a stripe_tax region is calculated by Stripe Tax", async () => {
    stripeForms.length = 0;
    const answer = await internalClient(withStripe.url).payments.internal.calculateTax.mutate({ region: us, request });
    expect(stripeForms).toHaveLength(1);
    const form = stripeForms[0] as URLSearchParams;
    expect(form.get("currency")).toBe("usd");
    expect(form.get("line_items[1][tax_code]")).toBe("txcd_00000000");
    expect(form.get("customer_details[address][state]")).toBe("CA");
    expect(form.get("shipping_cost[amount]")).toBe("899");
    expect(answer).toEqual({
      provider: "stripe_tax",
      lines: [
        // 6 + 1.25 + 1.375 = 8.625 % exactly, rounded once: 862.5 → 862 bps (half-even), as for shipping.
        { tax: 647, rateBps: 862, name: "CA Sales and Use Tax 8.62%" },
        { tax: 0, rateBps: 0, name: "No tax" },
      ],
      shipping: { tax: 75, rateBps: 862, name: "CA Sales and Use Tax 8.62%" }, // 8.625 % alone → 862 (half-even)
    });
  });

  test("with a Stripe key, a region on the rate table is not sent to Stripe", async () => {
    stripeForms.length = 0;
    const answer = await internalClient(withStripe.url).payments.internal.calculateTax.mutate({
      region: { ...us, taxProvider: "rates" },
      request,
    });
    expect(stripeForms).toHaveLength(0);
    expect(answer.provider).toBe("rates");
    expect(answer.lines[0]?.tax).toBe(544);
  });

  test("Stripe's refusals: an address it cannot place is a 400 naming request.address; Stripe down is a 503", async () => {
    stripeAnswer = () =>
      HttpResponse.json(
        {
          error: {
            type: "invalid_request_error",
            code: "customer_tax_location_invalid",
            message: "We could not determine the customer's tax location based on the provided customer address.",
            param: "customer_details[address]",
          },
        },
        { status: 400 },
      );
    const bad = await failure(
      internalClient(withStripe.url).payments.internal.calculateTax.mutate({ region: us, request }),
    );
    expect(bad.data?.httpStatus).toBe(400);
    expect((bad.data as { field?: string }).field).toBe("request.address");

    stripeAnswer = () => HttpResponse.json({ error: { type: "api_error", message: "boom" } }, { status: 500 });
    const down = await failure(
      internalClient(withStripe.url).payments.internal.calculateTax.mutate({ region: us, request }),
    );
    expect(down.data?.httpStatus).toBe(503);
    expect((down.data as { field?: string }).field).toBe("provider");

    stripeAnswer = () =>
      HttpResponse.json(
        { error: { type: "invalid_request_error", message: "Stripe Tax is not active" } },
        { status: 400 },
      );
    const refused = await failure(
      internalClient(withStripe.url).payments.internal.calculateTax.mutate({ region: us, request }),
    );
    expect(refused.data?.httpStatus).toBe(502);
    stripeAnswer = (form) => HttpResponse.json(stripeCalculation(form));
  });

  test("a request that does not belong to the region is refused naming the field, before any provider", async () => {
    stripeForms.length = 0;
    const call = (r: TaxRequest) =>
      failure(internalClient(withStripe.url).payments.internal.calculateTax.mutate({ region: us, request: r }));
    const wrongCurrency = await call({ ...request, currency: "EUR" });
    expect((wrongCurrency.data as { field?: string }).field).toBe("request.currency");
    const wrongBasis = await call({ ...request, taxInclusive: true });
    expect((wrongBasis.data as { field?: string }).field).toBe("request.taxInclusive");
    const outside = await call({ ...request, address: { country: "FR" } });
    expect((outside.data as { field?: string }).field).toBe("request.address.country");
    const negative = await call({ ...request, lines: [{ key: "X", amount: -1, quantity: 1, taxClass: "standard" }] });
    expect(negative.data?.httpStatus).toBe(400);
    expect((negative.data as { field?: string }).field).toBe("request.lines.0.amount");
    expect(stripeForms).toHaveLength(0);
  });

  test("only orders may ask: another service's credential is a 403 naming caller", async () => {
    const err = await failure(
      clientAs(testMode.url, "cart").payments.internal.calculateTax.mutate({ region: us, request }),
    );
    expect(err.data?.httpStatus).toBe(403);
    expect((err.data as { field?: string }).field).toBe("caller");
  });
});
