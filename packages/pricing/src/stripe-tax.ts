/**
 * A TaxProvider backed by Stripe Tax's Calculations API (`POST /v1/tax/calculations`).
 *
 * Imported as `@mercato/pricing/stripe-tax` and never re-exported from the package index: it needs
 * a secret key, so only a server (payments, which holds STRIPE_SECRET_KEY) uses it, and the web
 * bundle that imports the index stays free of it. Plain `fetch` with a form body, like Stripe's
 * own HTTP API, so pricing depends on no SDK.
 *
 * Mapping (Stripe's documented shapes):
 * - each request line with a positive amount → `line_items[i]` {amount, reference, quantity,
 *   tax_behavior (the region's basis), tax_code (from its tax class)}; lines of amount 0 are not
 *   sent (Stripe wants positive amounts) and answer 0 tax;
 * - shipping → `shipping_cost` {amount, tax_behavior[, tax_code]}; when no line has an amount,
 *   shipping travels as the only line item (Stripe requires at least one);
 * - the address → `customer_details[address][country|state|postal_code]`, address_source shipping;
 * - the answer: `line_items.data[].amount_tax` per line (matched by reference) and
 *   `shipping_cost.amount_tax`, with `tax_breakdown` (expanded) for the rate and the label.
 */
import { z } from "zod";
import type { TaxProvider, TaxRequest, TaxResult, TaxResultLine } from "./basket.ts";
import type { TaxClass } from "./regions.ts";
import { mulDivHalfEven } from "./rounding.ts";

/** Stripe tax codes per class: general tangible goods, printed books, nontaxable. */
export const DEFAULT_STRIPE_TAX_CODES: Readonly<Record<TaxClass, string>> = {
  standard: "txcd_99999999",
  reduced: "txcd_35010000",
  zero: "txcd_00000000",
};
/** Stripe's code for shipping charges, used when shipping is the only thing to tax. */
export const STRIPE_SHIPPING_TAX_CODE = "txcd_92010001";

/** Stripe returns at most this many line items in a calculation without paging. */
const MAX_LINE_ITEMS = 100;

export interface StripeTaxOptions {
  /** The Stripe secret key (sk_… or rk_…). Sent as a bearer token, never logged or put in an error. */
  secretKey: string;
  /** For tests and instrumentation; the global fetch otherwise. */
  fetch?: typeof fetch;
  /** Default `https://api.stripe.com`. */
  apiBase?: string;
  /** Stripe tax codes for our tax classes (defaults: DEFAULT_STRIPE_TAX_CODES). */
  taxCodes?: Partial<Record<TaxClass, string>>;
  /** Give up on Stripe after this long (default 10 s): an `unavailable` StripeTaxError. */
  timeoutMs?: number;
}

/**
 * Why Stripe Tax gave no usable answer. `invalid_address`: Stripe cannot place the address (the
 * shopper's to fix: a 4xx naming the address); `unavailable`: Stripe is down, slow or rate
 * limiting (retry later: a 503); `refused`: Stripe refused the request or the key (our setup: a
 * 502); `malformed`: the answer does not have the documented shape (a 502).
 */
export type StripeTaxErrorKind = "invalid_address" | "unavailable" | "refused" | "malformed";

export class StripeTaxError extends Error {
  constructor(
    readonly kind: StripeTaxErrorKind,
    message: string,
    readonly status: number | null = null,
    /** Stripe's error `code` and `param`, when it sent them. */
    readonly code: string | null = null,
    readonly param: string | null = null,
  ) {
    super(`Stripe Tax: ${message}`);
    this.name = "StripeTaxError";
  }

  get retryable(): boolean {
    return this.kind === "unavailable";
  }
}

// ── The documented response (the parts we read) ─────────────────────────────────────────────
const minor = z.number().int();
const breakdownSchema = z.object({
  amount: minor,
  taxable_amount: minor,
  taxability_reason: z.string(),
  tax_rate_details: z
    .object({ display_name: z.string(), percentage_decimal: z.string(), tax_type: z.string().nullable().optional() })
    .nullable(),
  jurisdiction: z
    .object({ country: z.string(), display_name: z.string(), level: z.string(), state: z.string().nullable() })
    .optional(),
});
type Breakdown = z.infer<typeof breakdownSchema>;

const calculationSchema = z.object({
  object: z.literal("tax.calculation"),
  currency: z.string(),
  line_items: z
    .object({
      data: z.array(
        z.object({
          amount: minor,
          amount_tax: minor,
          reference: z.string(),
          tax_breakdown: z.array(breakdownSchema).nullable().optional(),
        }),
      ),
      has_more: z.boolean(),
    })
    .nullable()
    .optional(),
  shipping_cost: z
    .object({ amount: minor, amount_tax: minor, tax_breakdown: z.array(breakdownSchema).optional() })
    .nullable(),
});
type Calculation = z.infer<typeof calculationSchema>;

const stripeErrorSchema = z.object({
  error: z.object({
    type: z.string().optional(),
    code: z.string().optional(),
    message: z.string().optional(),
    param: z.string().optional(),
  }),
});

// ── Request ─────────────────────────────────────────────────────────────────────────────────
/** The reference of request line `i` (Stripe wants references unique; SKUs may repeat). */
const lineRef = (i: number, key: string) => `L${i}:${key}`.slice(0, 500);
const SHIPPING_REF = "shipping";

/** The form body for a request, and which request lines it carries. Exported for tests. */
export function stripeTaxForm(
  request: TaxRequest,
  taxCodes: Readonly<Record<TaxClass, string>> = DEFAULT_STRIPE_TAX_CODES,
): { form: URLSearchParams; sent: number[]; shippingAsLine: boolean } {
  const behavior = request.taxInclusive ? "inclusive" : "exclusive";
  const form = new URLSearchParams();
  form.set("currency", request.currency.toLowerCase());
  const sent = request.lines.flatMap((l, i) => (l.amount > 0 ? [i] : []));
  const shipping = request.shipping && request.shipping.amount > 0 ? request.shipping : null;
  const shippingAsLine = sent.length === 0 && shipping !== null;
  sent.forEach((i, n) => {
    const l = request.lines[i];
    if (!l) return;
    form.set(`line_items[${n}][amount]`, String(l.amount));
    form.set(`line_items[${n}][reference]`, lineRef(i, l.key));
    form.set(`line_items[${n}][quantity]`, String(l.quantity));
    form.set(`line_items[${n}][tax_behavior]`, behavior);
    form.set(`line_items[${n}][tax_code]`, taxCodes[l.taxClass]);
  });
  if (shipping && shippingAsLine) {
    form.set("line_items[0][amount]", String(shipping.amount));
    form.set("line_items[0][reference]", SHIPPING_REF);
    form.set("line_items[0][tax_behavior]", behavior);
    form.set("line_items[0][tax_code]", shipping.taxClass === "zero" ? taxCodes.zero : STRIPE_SHIPPING_TAX_CODE);
  } else if (shipping) {
    form.set("shipping_cost[amount]", String(shipping.amount));
    form.set("shipping_cost[tax_behavior]", behavior);
    // Otherwise Stripe's default shipping tax code (the account's Tax Settings) applies.
    if (shipping.taxClass === "zero") form.set("shipping_cost[tax_code]", taxCodes.zero);
  }
  const a = request.address;
  form.set("customer_details[address][country]", a.country.toUpperCase());
  if (a.subdivision) form.set("customer_details[address][state]", a.subdivision.toUpperCase());
  if (a.postalCode) form.set("customer_details[address][postal_code]", a.postalCode);
  form.set("customer_details[address_source]", "shipping");
  form.append("expand[]", "line_items");
  form.append("expand[]", "line_items.data.tax_breakdown");
  form.append("expand[]", "shipping_cost.tax_breakdown");
  return { form, sent, shippingAsLine };
}

// ── Answer ──────────────────────────────────────────────────────────────────────────────────
/** Percent strings are read exactly, in millionths of a percent ("7.25" → 7_250_000). */
const MICRO = 1_000_000;
function percentMicros(percentage: string): number {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(percentage.trim());
  if (!m) throw new StripeTaxError("malformed", `rate "${percentage}" is not a decimal percentage`);
  const decimals = m[2] ?? "";
  const scaled = Number(`${m[1]}${decimals}`); // percentage × 10^decimals
  return mulDivHalfEven(scaled, MICRO, 10 ** decimals.length);
}
const microsToBps = (micros: number) => mulDivHalfEven(micros, 100, MICRO);

/** "7.25" → 725 bps, exactly (decimal string, no float), rounded half-even past 2 decimals. */
export function percentToBps(percentage: string): number {
  return microsToBps(percentMicros(percentage));
}

/** 725 → "7.25%", 2000 → "20%", 550 → "5.5%". */
export function formatRate(bps: number): string {
  return `${(bps / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
}

const UNTAXED_LABELS: Record<string, string> = {
  zero_rated: "Zero-rated",
  product_exempt: "Tax exempt",
  customer_exempt: "Tax exempt",
  reverse_charge: "Reverse charge",
  not_collecting: "No tax",
  not_subject_to_tax: "No tax",
  not_supported: "No tax",
  product_exempt_holiday: "Tax holiday",
};

/** The rate and label of one taxed amount from its breakdown: "CA Sales and Use Tax 7.25%". */
function describe(breakdown: readonly Breakdown[] | null | undefined, tax: number, amount: number, inclusive: boolean) {
  if (!breakdown) {
    // Not expanded (should not happen, we ask for it): the effective rate of the amounts.
    const net = inclusive ? amount - tax : amount;
    const rateBps = net > 0 ? Math.min(10_000, mulDivHalfEven(tax, 10_000, net)) : 0;
    return { rateBps, name: rateBps > 0 ? `Tax ${formatRate(rateBps)}` : "No tax" };
  }
  const micros = (b: Breakdown) => (b.tax_rate_details ? percentMicros(b.tax_rate_details.percentage_decimal) : 0);
  const taxed = breakdown.filter((b) => micros(b) > 0);
  // Jurisdictions' rates (state + county + district) add up exactly, then round once to bps.
  const rateBps = microsToBps(taxed.reduce((n, b) => n + micros(b), 0));
  if (taxed.length === 0 || rateBps === 0) {
    const reason = breakdown[0]?.taxability_reason ?? "not_collecting";
    return { rateBps: 0, name: UNTAXED_LABELS[reason] ?? "No tax" };
  }
  const names = [...new Set(taxed.map((b) => b.tax_rate_details?.display_name ?? "Tax"))].join(" + ");
  const states = new Set(taxed.map((b) => b.jurisdiction?.state ?? null));
  const [state] = [...states];
  const prefix = states.size === 1 && state ? `${state} ` : "";
  return { rateBps, name: `${prefix}${names} ${formatRate(rateBps)}` };
}

function resultFrom(request: TaxRequest, calc: Calculation, sent: number[], shippingAsLine: boolean): TaxResult {
  const inclusive = request.taxInclusive;
  const items = calc.line_items;
  if (!items || items.has_more) throw new StripeTaxError("malformed", "the answer does not list every line item");
  const byRef = new Map(items.data.map((li) => [li.reference, li]));
  const one = (ref: string, amount: number): TaxResultLine => {
    const li = byRef.get(ref);
    if (!li) throw new StripeTaxError("malformed", `the answer has no line item ${ref}`);
    if (li.amount !== amount) throw new StripeTaxError("malformed", `line item ${ref} came back as ${li.amount}`);
    return { tax: li.amount_tax, ...describe(li.tax_breakdown, li.amount_tax, li.amount, inclusive) };
  };
  const untaxed: TaxResultLine = { tax: 0, rateBps: 0, name: "No tax" };
  const sentSet = new Set(sent);
  const lines = request.lines.map((l, i) => (sentSet.has(i) ? one(lineRef(i, l.key), l.amount) : untaxed));

  let shipping: TaxResultLine | null = null;
  if (request.shipping) {
    if (request.shipping.amount === 0) shipping = untaxed;
    else if (shippingAsLine) shipping = one(SHIPPING_REF, request.shipping.amount);
    else {
      const sc = calc.shipping_cost;
      if (!sc) throw new StripeTaxError("malformed", "the answer has no shipping_cost");
      shipping = { tax: sc.amount_tax, ...describe(sc.tax_breakdown, sc.amount_tax, sc.amount, inclusive) };
    }
  }
  return { lines, shipping };
}

async function stripeFailure(res: Response): Promise<StripeTaxError> {
  const body = stripeErrorSchema.safeParse(await res.json().catch(() => null));
  const err = body.success ? body.data.error : {};
  const message = err.message ?? `HTTP ${res.status}`;
  const code = err.code ?? null;
  const param = err.param ?? null;
  if (res.status === 429 || res.status >= 500) {
    return new StripeTaxError(
      "unavailable",
      `Stripe is unavailable (${res.status}): ${message}`,
      res.status,
      code,
      param,
    );
  }
  if (code === "customer_tax_location_invalid") {
    return new StripeTaxError("invalid_address", message, res.status, code, param);
  }
  return new StripeTaxError("refused", `Stripe refused the calculation: ${message}`, res.status, code, param);
}

/** The Stripe Tax provider. Its `name` is the region's `taxProvider` value it serves: `stripe_tax`. */
export function createStripeTaxProvider(options: StripeTaxOptions): TaxProvider {
  // Looked up per call, not captured here, so an instrumented global fetch (msw in tests) applies.
  const doFetch = (input: string, init: RequestInit) => (options.fetch ?? globalThis.fetch)(input, init);
  const url = `${(options.apiBase ?? "https://api.stripe.com").replace(/\/+$/, "")}/v1/tax/calculations`;
  const taxCodes = { ...DEFAULT_STRIPE_TAX_CODES, ...options.taxCodes };
  const timeoutMs = options.timeoutMs ?? 10_000;

  return {
    name: "stripe_tax",
    async calculate(request) {
      const { form, sent, shippingAsLine } = stripeTaxForm(request, taxCodes);
      if (sent.length === 0 && !shippingAsLine) {
        // Nothing has an amount: nothing to ask Stripe, and nothing to tax.
        const zero = { tax: 0, rateBps: 0, name: "No tax" };
        return { lines: request.lines.map(() => zero), shipping: request.shipping ? zero : null };
      }
      if (sent.length > MAX_LINE_ITEMS) {
        throw new StripeTaxError("refused", `at most ${MAX_LINE_ITEMS} lines can be calculated at once`);
      }
      let res: Response;
      try {
        res = await doFetch(url, {
          method: "POST",
          headers: {
            authorization: `Bearer ${options.secretKey}`,
            "content-type": "application/x-www-form-urlencoded",
          },
          body: form.toString(),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const why = err instanceof Error ? err.name : "network error";
        throw new StripeTaxError("unavailable", `Stripe could not be reached (${why})`);
      }
      if (!res.ok) throw await stripeFailure(res);
      const parsed = calculationSchema.safeParse(await res.json().catch(() => null));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new StripeTaxError(
          "malformed",
          `unexpected answer at ${issue?.path.join(".") ?? "?"}: ${issue?.message}`,
        );
      }
      return resultFrom(request, parsed.data, sent, shippingAsLine);
    },
  };
}
