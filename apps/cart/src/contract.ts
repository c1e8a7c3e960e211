/**
 * The cart's contract: what its procedures accept and answer, and the rules a form needs to
 * agree with the service before it asks (line limits, the discount code format and bounds).
 * Pure (zod, @mercato/pricing and the catalog's and payments' contracts), so the web bundles it
 * for the browser.
 */
import { productKindSchema, regionIdInput } from "@mercato/catalog/contract";
import {
  GIFT_CARD_AMOUNTS,
  type GiftCardLine,
  giftCardAmountAllowed,
  giftCardLineSchema,
} from "@mercato/payments/contract";
import {
  type Currency,
  countryCodeSchema,
  currencySchema,
  minorUnitsSchema,
  type ShippingQuote,
  shippingMethodSchema,
  shippingSpeedSchema,
  subdivisionCodeSchema,
  taxClassSchema,
  taxLineSchema,
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

/**
 * Where a guest's cart token travels: a request header (the storefront's proxy sets it from its
 * HttpOnly cookie; API clients set it themselves), never a URL, which access logs and Referer
 * keep. The cart answers a newly created token in this response header too (the proxy turns it
 * into the cookie). Mutations still accept `cartToken` in their POST body; the body wins.
 */
export const CART_TOKEN_HEADER = "x-cart-token";
/** Queries and subscriptions put their input in the URL: a token there is refused. */
const tokenNotInUrl = z
  .undefined({ error: `the cart token travels in the ${CART_TOKEN_HEADER} header, never in the URL` })
  .optional();
/** `cart.get`, `cart.onChanged`: the guest's token comes from the header. */
export const cartReadInput = z.object({ cartToken: tokenNotInUrl });
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
export const getCartInput = cartReadInput.extend(newCartRegion);
/**
 * A gift card's recipient (#27), required when the SKU is a gift card (and refused otherwise):
 * every card the line buys is emailed to them with the message; `amount` is the shopper's own
 * amount (any within GIFT_CARD_AMOUNTS in the cart's currency) instead of the denomination's
 * price. One recipient and amount per line.
 */
export { GIFT_CARD_AMOUNTS, type GiftCardLine, giftCardAmountAllowed, giftCardLineSchema };
export const addItemInput = cartRefInput.extend({
  sku: skuSchema,
  quantity: quantitySchema,
  giftCard: giftCardLineSchema.optional(),
  ...newCartRegion,
});
export const updateItemInput = cartRefInput.extend({ sku: skuSchema, quantity: quantitySchema });
export const removeItemInput = cartRefInput.extend({ sku: skuSchema });
export const applyCodeInput = cartRefInput.extend({ code: codeInputSchema });
/** The guest token in the body or in the header (checked in the router: one of them is required). */
export const mergeInput = cartRefInput;
/** Moves the cart to another region: its currency, tax basis and shipping options change with it. */
export const setRegionInput = cartRefInput.extend({ regionId: regionIdSchema });
/** Where the goods go, for tax: a country of the cart's region, and the state where tax depends on it (US). */
export const setDestinationInput = cartRefInput.extend({
  country: countryCodeSchema,
  subdivision: subdivisionCodeSchema.nullable().optional(),
});
/** The shipping option the shopper picks; null goes back to the region's default. */
export const setShippingInput = cartRefInput.extend({ shippingOptionId: z.string().trim().min(1).max(64).nullable() });

// ── The REST cart (#24): `/carts/{cartId}/...` ────────────────────────────────────────────────
/**
 * REST addresses a cart by its id in the path; the id is an address, not a credential: the guest's
 * token still travels in the `x-cart-token` header (a signed-in shopper's bearer finds their cart),
 * and a cart id that is not the caller's cart is a 404 naming `cartId`.
 */
export const cartIdSchema = z.string().trim().min(1).max(64);
/** `POST /carts`: the shopper's cart, opened in this region (or `country`'s) when they have none. */
export const openCartInput = z.object(newCartRegion);
export const restCartInput = z.object({ cartId: cartIdSchema });
/** The header a REST cart call documents: the guest's token (a signed-in shopper sends a bearer instead). */
export const cartTokenHeaders = z.object({
  [CART_TOKEN_HEADER]: cartTokenSchema.optional().meta({ description: "The guest's cart token (from POST /carts)" }),
});
export const restAddItemInput = restCartInput.extend({
  sku: skuSchema,
  quantity: quantitySchema,
  giftCard: giftCardLineSchema.optional(),
});
export const restUpdateItemInput = restCartInput.extend({ sku: skuSchema, quantity: quantitySchema });
export const restRemoveItemInput = restCartInput.extend({ sku: skuSchema });
export const restApplyCodeInput = restCartInput.extend({ code: codeInputSchema });
export const restSetRegionInput = restCartInput.extend({ regionId: regionIdSchema });
export const restSetDestinationInput = restCartInput.extend(setDestinationInput.omit({ cartToken: true }).shape);
export const restSetShippingInput = restCartInput.extend(setShippingInput.omit({ cartToken: true }).shape);

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
  /**
   * The smallest subtotal (minor units) the code applies to: in the code's currency for a fixed
   * code; for a percent code, in whichever currency the cart is in (the same number everywhere).
   */
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

// ── Wishlists (#27) ──────────────────────────────────────────────────────────────────────────
/** The most variants one wishlist holds. */
export const MAX_WISHLIST_ITEMS = 100;
/** The first name shown on a shared wishlist: one word, nothing else about the owner. */
export const SHARE_NAME_MAX = 40;
/** A share link's token: 32 random bytes, base64url (only its hash is stored). */
export const shareTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "is not a share token");

/** `cart.wishlist.get`: the guest's token comes from the header, like the cart's. */
export const wishlistReadInput = cartReadInput;
export const wishlistItemInput = cartRefInput.extend({ sku: skuSchema });
/** Moves one wishlist item into the cart (quantity 1 unless said), and off the wishlist. */
export const moveToCartInput = wishlistItemInput.extend({ quantity: quantitySchema.default(1) });
export const shareWishlistInput = z.object({
  shareName: z
    .string()
    .trim()
    .min(1)
    .max(SHARE_NAME_MAX)
    .regex(/^[^\s@<>]+$/, "one first name, without spaces, @ or angle brackets"),
});
/** `currency`: the visitor's (their region's); else the default region's. */
export const sharedWishlistInput = z.object({ shareToken: shareTokenSchema, currency: currencySchema.optional() });

export type WishlistItemInput = z.input<typeof wishlistItemInput>;
export type MoveToCartInput = z.input<typeof moveToCartInput>;
export type ShareWishlistInput = z.input<typeof shareWishlistInput>;
export type SharedWishlistInput = z.input<typeof sharedWishlistInput>;

export type CartRefInput = z.input<typeof cartRefInput>;
export type GetCartInput = z.input<typeof getCartInput>;
export type AddItemInput = z.input<typeof addItemInput>;
export type SetRegionInput = z.input<typeof setRegionInput>;
export type SetDestinationInput = z.input<typeof setDestinationInput>;
export type SetShippingInput = z.input<typeof setShippingInput>;
export type UpdateItemInput = z.input<typeof updateItemInput>;
export type RemoveItemInput = z.input<typeof removeItemInput>;
export type ApplyCodeInput = z.input<typeof applyCodeInput>;
/** What the merge use case gets: the router has taken the token from the body or the header. */
export type MergeInput = { cartToken: string };
export type CreateCodeInput = z.input<typeof createCodeInput>;
export type UpdateCodeInput = z.input<typeof updateCodeInput>;
export type DeactivateCodeInput = z.input<typeof deactivateCodeInput>;
export type ForCheckoutInput = z.input<typeof forCheckoutInput>;
export type CheckCodeInput = z.input<typeof checkCodeInput>;
export type ReserveCodeInput = z.input<typeof reserveCodeInput>;

// ── Outputs ─────────────────────────────────────────────────────────────────────────────────
// Zod, so the REST document (#24) describes what the procedures answer; the types are inferred from
// them. Over tRPC (superjson) `updatedAt` is a Date; over REST (plain JSON) an ISO-8601 UTC string.

/** A time: a Date over tRPC, its ISO-8601 UTC string in REST's JSON. */
const viewTime = z.date().meta({ format: "date-time", description: "UTC, ISO-8601 in JSON" });

export const cartLineViewSchema = z.object({
  sku: z.string(),
  productId: z.string(),
  productSlug: z.string(),
  title: z.string(),
  image: z.object({ url: z.string(), alt: z.string() }).nullable(),
  options: z.record(z.string(), z.string()),
  quantity: z.number().int(),
  /**
   * The current unit price in the cart's currency (the last known one when the SKU is no longer
   * sold; 0 when it has no price in the cart's currency: problem `not_sold_in_region`).
   */
  price: minorUnitsSchema,
  /** The unit price when the shopper last added or changed this line. */
  priceWhenAdded: minorUnitsSchema,
  priceChanged: z.boolean(),
  /**
   * The price list (#27) that gives `price` now (a sale, the shopper's group), or null for the
   * regular price. A sale that starts or ends while the cart is open changes `price` on the next
   * read, and `priceChanged` says so.
   */
  priceList: z.object({ id: z.string(), name: z.string() }).nullable(),
  available: z.number().int(),
  /** Set when the line cannot be bought as it stands; such lines are left out of the totals. */
  problem: z.enum(LINE_PROBLEMS).nullable(),
  /** price × quantity, before discount. */
  lineTotal: minorUnitsSchema,
  /** This line's share of the discount (0 for lines with a problem). */
  discount: minorUnitsSchema,
  /** Tax on (lineTotal − discount): inside it in tax-inclusive regions, on top of it otherwise. */
  tax: minorUnitsSchema,
  /** The rate the line is taxed at for the cart's destination, in basis points (2000 = 20 %). */
  rateBps: z.number().int(),
  taxClass: taxClassSchema,
  /** Goods, or a gift card (#27): no stock, no shipping, no discount. */
  kind: productKindSchema,
  /** Who a gift-card line's cards go to; null for goods. */
  giftCard: giftCardLineSchema.nullable(),
});
export type CartLineView = z.infer<typeof cartLineViewSchema>;

export const cartDiscountViewSchema = z.object({
  code: z.string(),
  kind: z.enum(DISCOUNT_KINDS),
  value: z.number().int(),
  /** The currency of a fixed amount; null for a percent code. */
  currency: currencySchema.nullable(),
  minSubtotal: minorUnitsSchema,
  /** Why the code does not apply right now (it stays on the cart in case it applies again), or null. */
  problem: z.object({ reason: z.enum(CODE_REFUSAL_REASONS), message: z.string() }).nullable(),
});
export type CartDiscountView = z.infer<typeof cartDiscountViewSchema>;

/** The cart's totals: pricing's basket totals (tax lines, shipping method) without the per-line breakdown. */
export const cartTotalsViewSchema = z.object({
  currency: currencySchema,
  taxInclusive: z.boolean(),
  subtotal: minorUnitsSchema,
  discount: minorUnitsSchema,
  shipping: minorUnitsSchema,
  tax: minorUnitsSchema,
  total: minorUnitsSchema,
  taxLines: z.array(taxLineSchema),
  /** Null for an empty basket or a region without options that can carry it. */
  shippingMethod: shippingMethodSchema.nullable(),
});
export type CartTotalsView = z.infer<typeof cartTotalsViewSchema>;

/** The region a cart is priced in, as the cart shows it. */
export const cartRegionViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  currency: currencySchema,
  /** Prices include tax (EU/UK) or tax is added on top (US). */
  taxInclusive: z.boolean(),
});
export type CartRegionView = z.infer<typeof cartRegionViewSchema>;

/** Where the goods go, as far as tax cares. */
export const cartDestinationSchema = z.object({ country: z.string(), subdivision: z.string().nullable() });
export type CartDestination = z.infer<typeof cartDestinationSchema>;

/** A shipping option as the shopper is offered it for this basket (pricing's ShippingQuote). */
const shippingQuoteSchema = z.object({
  optionId: z.string(),
  name: z.string(),
  speed: shippingSpeedSchema,
  amount: minorUnitsSchema,
  minDays: z.number().int(),
  maxDays: z.number().int(),
}) satisfies z.ZodType<ShippingQuote>;

export const cartViewSchema = z
  .object({
    /** Null until the shopper has a cart. */
    cartId: z.string().nullable(),
    /** The region's currency: every amount of the view is in it. */
    currency: currencySchema,
    region: cartRegionViewSchema,
    /** The destination tax is worked out for: the shopper's, else the region's default country. */
    destination: cartDestinationSchema,
    /** The region's options that can carry this basket, priced for it (none for an empty cart). */
    shippingOptions: z.array(shippingQuoteSchema),
    /** The option the totals use: the shopper's pick when it can carry the basket, else the region's default. */
    shippingOptionId: z.string().nullable(),
    lines: z.array(cartLineViewSchema),
    /** Units across all lines, for the cart badge. */
    itemCount: z.number().int(),
    discount: cartDiscountViewSchema.nullable(),
    totals: cartTotalsViewSchema,
    /**
     * True when the region's tax comes from a provider (Stripe Tax): the cart shows an estimate
     * from the region's rate table, and orders charges the provider's figure.
     */
    taxEstimated: z.boolean(),
    /** True when some line has a problem: checkout should ask the shopper to fix it first. */
    hasProblems: z.boolean(),
    updatedAt: viewTime.nullable(),
  })
  .meta({ id: "CartView" });
export type CartView = z.infer<typeof cartViewSchema>;

/** addItem's answer: the view, and a new guest's cart token (returned this once, else null). */
export const addItemResultSchema = cartViewSchema
  .extend({
    cartToken: z.string().nullable().meta({
      description: "A new guest cart's token (also in the x-cart-token header), returned this once; else null",
    }),
  })
  .meta({ id: "OpenedCart" });
export type AddItemResult = z.infer<typeof addItemResultSchema>;

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
  /** A gift-card line (#27) carries its recipient; orders takes the kind from the catalog. */
  lines: { sku: string; quantity: number; giftCard: GiftCardLine | null }[];
  discount: CodeDiscount | null;
}

// ── Wishlist views (#27) ─────────────────────────────────────────────────────────────────────
export const wishlistItemViewSchema = z.object({
  sku: z.string(),
  productId: z.string(),
  productSlug: z.string(),
  title: z.string(),
  image: z.object({ url: z.string(), alt: z.string() }).nullable(),
  options: z.record(z.string(), z.string()),
  /** The current unit price in `currency`; null when the variant has no price in it or is gone. */
  price: minorUnitsSchema.nullable(),
  currency: currencySchema,
  available: z.number().int(),
  /** True when the catalog still sells the variant. */
  forSale: z.boolean(),
  addedAt: viewTime,
});
export type WishlistItemView = z.infer<typeof wishlistItemViewSchema>;

export const wishlistViewSchema = z.object({
  items: z.array(wishlistItemViewSchema),
  /** Whether a share link is live (its token is shown only when it is made). */
  shared: z.boolean(),
  shareName: z.string().nullable(),
  sharedAt: viewTime.nullable(),
});
export type WishlistView = z.infer<typeof wishlistViewSchema>;

/** wishlist.add's answer: a new guest's cart token (which also opens their wishlist), else null. */
export type AddToWishlistResult = WishlistView & { cartToken: string | null };
export type MoveToCartResult = { wishlist: WishlistView; cart: CartView };
/** The share link's token, shown this once (a new one replaces, and so revokes, the old). */
export type ShareWishlistResult = { shareToken: string; wishlist: WishlistView };
/** What a share link shows: the owner's chosen first name and the items, nothing else. */
export type SharedWishlistView = { shareName: string; items: WishlistItemView[] };
