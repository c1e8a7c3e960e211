/**
 * The cart's contract: what its procedures accept and answer, and the rules a form needs to
 * agree with the service before it asks (line limits, the discount code format and bounds).
 * Pure (zod, @mercato/pricing and the catalog's contract), so the web bundles it for the browser.
 */
import { regionIdInput } from "@mercato/catalog/contract";
import {
  type BasketTotals,
  type Currency,
  countryCodeSchema,
  currencySchema,
  type ShippingQuote,
  subdivisionCodeSchema,
  type TaxClass,
} from "@mercato/pricing";
import { z } from "zod";

// ── Lines ───────────────────────────────────────────────────────────────────────────────────
/** The most of one SKU a cart line may hold. */
export const MAX_LINE_QUANTITY = 99;
/** The most distinct SKUs in one cart (the catalog answers at most 100 SKUs per lookup). */
export const MAX_CART_LINES = 100;

/**
 * Why a line cannot be bought as it stands; such lines stay visible but are not priced.
 * `not_sold_in_region`: the SKU has no price in the cart's currency (the shopper switched region).
 */
export const LINE_PROBLEMS = ["out_of_stock", "insufficient_stock", "unavailable", "not_sold_in_region"] as const;
export type LineProblem = (typeof LINE_PROBLEMS)[number];

// ── Discount codes ──────────────────────────────────────────────────────────────────────────
export const DISCOUNT_KINDS = ["percent", "fixed"] as const;
export type DiscountKind = (typeof DISCOUNT_KINDS)[number];
/** A code's use by one order: held from checkout, kept when paid, given back on cancel or expiry. */
export const REDEMPTION_STATUSES = ["reserved", "paid", "released"] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

/** The shape of a code's name; names are matched whatever their case. */
export const CODE_PATTERN = /^[A-Za-z0-9_-]{3,32}$/;
export const CODE_PATTERN_HINT = "3 to 32 letters, digits, - or _";

/** A code's value by kind: a whole percent, or minor units off (any safe integer from the minimum). */
export const DISCOUNT_VALUE_RANGE = {
  percent: { min: 1, max: 100 },
  fixed: { min: 1 },
} as const satisfies Record<DiscountKind, { min: number; max?: number }>;
/** A limited code may be used at least once. */
export const MIN_USAGE_LIMIT = 1;

/** Why a code does not apply right now. */
export const CODE_REFUSAL_REASONS = [
  "unknown",
  "inactive",
  "not_started",
  "expired",
  "exhausted",
  "below_minimum",
  "already_used",
  "sign_in_required",
  /** A fixed amount in another currency than the cart's. */
  "wrong_currency",
] as const;
export type CodeRefusalReason = (typeof CODE_REFUSAL_REASONS)[number];

export interface CodeRefusal {
  reason: CodeRefusalReason;
  /** Starts with the field name, `code:`, as every refusal in the platform does. */
  message: string;
}

// ── Inputs ──────────────────────────────────────────────────────────────────────────────────
/** A guest's cart token (ignored for signed-in shoppers). */
export const cartTokenSchema = z.string().min(1).max(128);
export const skuSchema = z.string().trim().min(1).max(64);
export const quantitySchema = z.number().int().min(1).max(MAX_LINE_QUANTITY);
/** A code as a shopper types it (its format is checked against the stored codes, not here). */
export const codeInputSchema = z.string().trim().min(1).max(64);

/** A region's id, as the catalog names regions ("eu", "uk", "us"). */
export const regionIdSchema = regionIdInput.shape.id;

export const cartRefInput = z.object({ cartToken: cartTokenSchema.optional() });
/**
 * Where a new cart is opened: `regionId` (the shopper's pick), else the region holding
 * `country` (a hint, e.g. from the request's geo header), else the default region. Both are
 * ignored once the shopper has a cart: its region changes only with setRegion.
 */
const newCartRegion = {
  regionId: regionIdSchema.optional(),
  country: countryCodeSchema.optional(),
};
export const getCartInput = cartRefInput.extend(newCartRegion);
export const addItemInput = cartRefInput.extend({ sku: skuSchema, quantity: quantitySchema, ...newCartRegion });
export const updateItemInput = cartRefInput.extend({ sku: skuSchema, quantity: quantitySchema });
export const removeItemInput = cartRefInput.extend({ sku: skuSchema });
export const applyCodeInput = cartRefInput.extend({ code: codeInputSchema });
export const mergeInput = z.object({ cartToken: cartTokenSchema });
/** Moves the cart to another region: its currency, tax basis and shipping options change with it. */
export const setRegionInput = cartRefInput.extend({ regionId: regionIdSchema });
/** Where the goods go, for tax: a country of the cart's region, and the state where tax depends on it (US). */
export const setDestinationInput = cartRefInput.extend({
  country: countryCodeSchema,
  subdivision: subdivisionCodeSchema.nullable().optional(),
});
/** The shipping option the shopper picks; null goes back to the region's default. */
export const setShippingInput = cartRefInput.extend({ shippingOptionId: z.string().trim().min(1).max(64).nullable() });

/** A code's name as an admin saves it. */
export const codeNameSchema = z.string().trim().regex(CODE_PATTERN, CODE_PATTERN_HINT);

/** Dates arrive as Date through superjson, or as ISO strings from plain JSON clients. */
const optionalDate = z.coerce.date().nullable().optional();

const ruleFields = {
  kind: z.enum(DISCOUNT_KINDS),
  /** The currency of a fixed amount (required for kind fixed); null for a percent code, which works in every currency. */
  currency: currencySchema.nullable().optional(),
  /** Within DISCOUNT_VALUE_RANGE of its kind (checked with the kind, when the code is saved). */
  value: z.number().int().min(DISCOUNT_VALUE_RANGE.fixed.min),
  minSubtotal: z.number().int().min(0),
  startsAt: optionalDate,
  endsAt: optionalDate,
  usageLimit: z.number().int().min(MIN_USAGE_LIMIT).nullable().optional(),
  oncePerCustomer: z.boolean(),
};

export const createCodeInput = z.object({
  code: codeNameSchema,
  ...ruleFields,
  minSubtotal: ruleFields.minSubtotal.default(0),
  oncePerCustomer: ruleFields.oncePerCustomer.default(false),
});
export const updateCodeInput = z.object({
  code: codeNameSchema,
  ...z.object(ruleFields).partial().shape,
  active: z.boolean().optional(),
});
export const deactivateCodeInput = z.object({ code: codeNameSchema });

/** For orders: a user's cart (by userId) or a guest's (by cartToken). */
export const forCheckoutInput = z.object({
  cartToken: cartTokenSchema.optional(),
  userId: z.string().min(1).optional(),
});
export const checkCodeInput = z.object({
  code: codeInputSchema,
  /** The order's subtotal before discount, in minor units. */
  subtotal: z.number().int().min(0),
  currency: currencySchema.default("EUR"),
  userId: z.string().min(1).optional(),
  email: z.string().email(),
});

/** For orders at checkout: take one use of the code for this order (idempotent by order id). */
export const reserveCodeInput = checkCodeInput.extend({ orderId: z.string().min(1).max(100) });
/** For orders: give back the use an order holds (its checkout failed). */
export const releaseCodeInput = z.object({ orderId: z.string().min(1).max(100) });

export type CartRefInput = z.input<typeof cartRefInput>;
export type GetCartInput = z.input<typeof getCartInput>;
export type AddItemInput = z.input<typeof addItemInput>;
export type SetRegionInput = z.input<typeof setRegionInput>;
export type SetDestinationInput = z.input<typeof setDestinationInput>;
export type SetShippingInput = z.input<typeof setShippingInput>;
export type UpdateItemInput = z.input<typeof updateItemInput>;
export type RemoveItemInput = z.input<typeof removeItemInput>;
export type ApplyCodeInput = z.input<typeof applyCodeInput>;
export type MergeInput = z.input<typeof mergeInput>;
export type CreateCodeInput = z.input<typeof createCodeInput>;
export type UpdateCodeInput = z.input<typeof updateCodeInput>;
export type DeactivateCodeInput = z.input<typeof deactivateCodeInput>;
export type ForCheckoutInput = z.input<typeof forCheckoutInput>;
export type CheckCodeInput = z.input<typeof checkCodeInput>;
export type ReserveCodeInput = z.input<typeof reserveCodeInput>;

// ── Outputs ─────────────────────────────────────────────────────────────────────────────────
export interface CartLineView {
  sku: string;
  productId: string;
  productSlug: string;
  title: string;
  image: { url: string; alt: string } | null;
  options: Record<string, string>;
  quantity: number;
  /**
   * The current unit price in the cart's currency (the last known one when the SKU is no longer
   * sold; 0 when it has no price in the cart's currency: problem `not_sold_in_region`).
   */
  price: number;
  /** The unit price when the shopper last added or changed this line. */
  priceWhenAdded: number;
  priceChanged: boolean;
  available: number;
  /** Set when the line cannot be bought as it stands; such lines are left out of the totals. */
  problem: LineProblem | null;
  /** price × quantity, before discount. */
  lineTotal: number;
  /** This line's share of the discount (0 for lines with a problem). */
  discount: number;
  /** Tax on (lineTotal − discount): inside it in tax-inclusive regions, on top of it otherwise. */
  tax: number;
  /** The rate the line is taxed at for the cart's destination, in basis points (2000 = 20 %). */
  rateBps: number;
  taxClass: TaxClass;
}

export interface CartDiscountView {
  code: string;
  kind: DiscountKind;
  value: number;
  /** The currency of a fixed amount; null for a percent code. */
  currency: Currency | null;
  minSubtotal: number;
  /** Why the code does not apply right now (it stays on the cart in case it applies again), or null. */
  problem: CodeRefusal | null;
}

/** The cart's totals: pricing's basket totals (tax lines, shipping method) without the per-line breakdown. */
export type CartTotalsView = Omit<BasketTotals, "lines">;

/** The region a cart is priced in, as the cart shows it. */
export interface CartRegionView {
  id: string;
  name: string;
  currency: Currency;
  /** Prices include tax (EU/UK) or tax is added on top (US). */
  taxInclusive: boolean;
}

/** Where the goods go, as far as tax cares. */
export interface CartDestination {
  country: string;
  subdivision: string | null;
}

export interface CartView {
  /** Null until the shopper has a cart. */
  cartId: string | null;
  /** The region's currency: every amount of the view is in it. */
  currency: Currency;
  region: CartRegionView;
  /** The destination tax is worked out for: the shopper's, else the region's default country. */
  destination: CartDestination;
  /** The region's options that can carry this basket, priced for it (none for an empty cart). */
  shippingOptions: ShippingQuote[];
  /** The option the totals use: the shopper's pick when it can carry the basket, else the region's default. */
  shippingOptionId: string | null;
  lines: CartLineView[];
  /** Units across all lines, for the cart badge. */
  itemCount: number;
  discount: CartDiscountView | null;
  totals: CartTotalsView;
  /**
   * True when the region's tax comes from a provider (Stripe Tax): the cart shows an estimate
   * from the region's rate table, and orders charges the provider's figure.
   */
  taxEstimated: boolean;
  /** True when some line has a problem: checkout should ask the shopper to fix it first. */
  hasProblems: boolean;
  updatedAt: Date | null;
}

/** addItem's answer: the view, and a new guest's cart token (returned this once, else null). */
export type AddItemResult = CartView & { cartToken: string | null };

/** A discount code as the admin panel lists and edits it. */
export interface DiscountCode {
  code: string;
  kind: DiscountKind;
  value: number;
  /** The currency of a fixed amount; null for a percent code. */
  currency: Currency | null;
  minSubtotal: number;
  startsAt: Date | null;
  endsAt: Date | null;
  usageLimit: number | null;
  /** Paid orders that used the code, counted under the limit. */
  used: number;
  oncePerCustomer: boolean;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A code's discount as orders applies it. */
export interface CodeDiscount {
  code: string;
  kind: DiscountKind;
  value: number;
  /** The currency of a fixed amount; null for a percent code. */
  currency: Currency | null;
  minSubtotal: number;
}

/**
 * The cart orders checks out: quantities only (orders prices them; inventory decides stock),
 * and the shopper's choices: region (its currency is `currency`), destination and shipping option.
 */
export interface CheckoutCart {
  cartId: string;
  regionId: string;
  currency: Currency;
  /** The destination the shopper set on the cart, or null (orders uses the shipping address). */
  destination: { country: string; subdivision: string | null } | null;
  /** The option the shopper picked, or null for the region's default. */
  shippingOptionId: string | null;
  lines: { sku: string; quantity: number }[];
  discount: CodeDiscount | null;
}
