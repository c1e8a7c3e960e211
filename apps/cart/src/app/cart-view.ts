import { DomainError, invalid } from "@mercato/kit";
import {
  type BasketDiscount,
  type BasketInput,
  type BasketTotals,
  PricingError,
  priceBasketWithRates,
  type RegionRules,
  rateFor,
  shippingQuotes,
} from "@mercato/pricing";
import type { CartDiscountView, CartView } from "../contract.ts";
import {
  type CartRow,
  cartById,
  codeByName,
  customerUsedCode,
  type DiscountCodeRow,
  itemsOf,
  type Reader,
} from "../db/queries.ts";
import type { CartDeps } from "../deps.ts";
import { lineProblem, priceIn } from "../domain/cart-lines.ts";
import { codeRefusal } from "../domain/discount-code.ts";
import { destinationIn, regionView } from "../domain/region.ts";
import type { RegionSource } from "./region-source.ts";
import { customerOf, type Shopper } from "./shopper.ts";
import type { SkuInfo, SkuSource } from "./sku-source.ts";

export interface ViewDeps {
  skus: SkuSource;
  regions: RegionSource;
}

/** Where a shopper without a cart would get one: their pick, else the region of a country hint, else the default. */
export interface NewCartRegion {
  regionId?: string | undefined;
  country?: string | undefined;
}

/** The region a new cart opens in (a 404 naming `regionId` for an unknown pick). */
export function regionForNewCart(regions: RegionSource, wanted: NewCartRegion = {}): Promise<RegionRules> {
  return wanted.regionId ? regions.byId(wanted.regionId) : regions.resolve(wanted.country);
}

/**
 * The rules of the cart's region. A region the catalog no longer has (an admin deleted it)
 * leaves its carts in the default region, where lines without a price in its currency show why.
 */
export async function regionOfCart(regions: RegionSource, cart: Pick<CartRow, "regionId">): Promise<RegionRules> {
  try {
    return await regions.byId(cart.regionId);
  } catch (err) {
    if (err instanceof DomainError && err.kind === "not_found") return regions.resolve();
    throw err;
  }
}

/** The view of a shopper with no cart yet, in the region they would get one in. */
export function emptyView(region: RegionRules): CartView {
  const { lines: _, ...totals } = priceBasketWithRates({
    lines: [],
    region,
    address: null,
    shippingOptionId: null,
    discount: null,
  });
  return {
    cartId: null,
    currency: region.currency,
    region: regionView(region),
    destination: destinationIn(region, { country: null, subdivision: null }),
    shippingOptions: [],
    shippingOptionId: null,
    lines: [],
    itemCount: 0,
    discount: null,
    totals,
    taxEstimated: region.taxProvider === "stripe_tax",
    hasProblems: false,
    updatedAt: null,
  };
}

/**
 * What catalog and inventory say of `skus` now. SKUs the caller has just read (`known`, within the
 * same request) are not asked for again: adding an item has already looked its SKU up.
 */
async function lookupUnknown(
  source: SkuSource,
  skus: string[],
  known: ReadonlyMap<string, SkuInfo> | undefined,
  group: string | null,
): Promise<Map<string, SkuInfo>> {
  if (!known) return source.lookup(skus, group);
  const missing = skus.filter((sku) => !known.has(sku));
  const fetched = missing.length > 0 ? await source.lookup(missing, group) : new Map<string, SkuInfo>();
  return new Map([...known, ...fetched]);
}

/** A code as pricing applies it (only codes without a problem reach pricing). */
function basketDiscountOf(rule: DiscountCodeRow): BasketDiscount {
  if (rule.kind === "percent") return { kind: "percent", value: rule.value };
  // A fixed code without a currency is refused as `wrong_currency` before it gets here.
  return { kind: "fixed", value: rule.value, currency: rule.currency ?? "EUR" };
}

/**
 * Prices the basket. The shopper's option may stop fitting the basket (too heavy for its tiers)
 * or leave the region: the view then uses the region's default rather than failing; `strict`
 * (setShipping) refuses instead, naming `shippingOptionId`.
 */
function priceBasket(input: BasketInput, strict: boolean): BasketTotals {
  try {
    return priceBasketWithRates(input);
  } catch (err) {
    if (!(err instanceof PricingError)) throw err;
    if (strict || err.field !== "shippingOptionId") throw invalid(err.field, err.detail);
    return priceBasketWithRates({ ...input, shippingOptionId: null });
  }
}

export interface BuildViewOptions {
  /** Replaces the cart's own code, to try a code before applying it. */
  code?: string | null;
  now?: Date;
  /** SKUs read moments ago in the same request. */
  known?: ReadonlyMap<string, SkuInfo>;
  /** The cart's region, when the caller already has it. */
  region?: RegionRules;
  /** Replaces the cart's shipping choice and refuses one that cannot carry the basket (setShipping). */
  shippingOptionId?: string | null;
}

/**
 * The honest view of a cart: every read re-checks price and availability, flags lines that cannot
 * be bought (including those without a price in the region's currency), prices the others with
 * @mercato/pricing in the cart's region — for its destination, with its shipping option and the
 * discount code, which is re-validated against them.
 */
export async function buildView(
  deps: ViewDeps,
  db: Reader,
  cart: CartRow,
  customer: { userId: string | null; email: string | null; group: string | null },
  opts: BuildViewOptions = {},
): Promise<CartView> {
  const now = opts.now ?? new Date();
  const items = await itemsOf(db, cart.id);
  const [region, info] = await Promise.all([
    opts.region ?? regionOfCart(deps.regions, cart),
    lookupUnknown(
      deps.skus,
      items.map((i) => i.sku),
      opts.known,
      customer.group,
    ),
  ]);
  const currency = region.currency;
  const destination = destinationIn(region, cart);

  const lines = items.map((item) => {
    const state = info.get(item.sku);
    const listed = state ? priceIn(state.prices, currency) : null;
    // A gift card in the shopper's own amount costs that amount (while its product still sells here).
    const unit =
      listed !== null && state?.kind === "gift_card" && item.giftCard?.amount ? item.giftCard.amount : listed;
    // The price when added is kept in the cart's currency (re-set when the region changes).
    const price = unit ?? item.priceWhenAdded;
    const taxClass = state?.taxClass ?? "standard";
    // A line whose product is gone keeps what it was: a gift card if it has a recipient.
    const kind = state?.kind ?? (item.giftCard ? "gift_card" : "standard");
    return {
      sku: item.sku,
      productId: item.productId,
      productSlug: state?.productSlug ?? item.productSlug,
      title: state?.title ?? item.title,
      image: state ? state.image : item.image,
      options: item.options,
      quantity: item.quantity,
      price,
      priceWhenAdded: item.priceWhenAdded,
      priceChanged: price !== item.priceWhenAdded,
      priceList: (unit !== null && state?.priceLists[currency]) || null,
      available: state?.available ?? 0,
      problem: lineProblem(item.quantity, state, unit !== null),
      taxClass,
      kind,
      giftCard: item.giftCard ?? null,
      weightGrams: state?.weightGrams ?? 0,
    };
  });
  const priced = lines.filter((l) => l.problem === null);
  // A code's minimum is met by goods: gift cards take no discount (#27), in the cart as in orders.
  const goods = priced.filter((l) => l.kind !== "gift_card");
  const pricedSubtotal = goods.reduce((a, l) => a + l.price * l.quantity, 0);

  const codeName = opts.code === undefined ? cart.discountCode : opts.code;
  // Codes are never deleted (only deactivated), so a stored code always has its rule.
  const rule = codeName ? await codeByName(db, codeName) : undefined;
  let discount: CartDiscountView | null = null;
  if (codeName && rule) {
    const usedByCustomer = rule.oncePerCustomer ? await customerUsedCode(db, rule.code, customer) : false;
    const problem = codeRefusal(codeName, rule, {
      now,
      subtotal: pricedSubtotal,
      currency,
      usedByCustomer,
      guest: customer.userId === null,
    });
    discount = {
      code: rule.code,
      kind: rule.kind,
      value: rule.value,
      currency: rule.currency,
      minSubtotal: rule.minSubtotal,
      problem,
    };
  }

  const chosenOption = opts.shippingOptionId === undefined ? cart.shippingOptionId : opts.shippingOptionId;
  const totals = priceBasket(
    {
      lines: priced.map((l) => ({
        sku: l.sku,
        unitPrice: l.price,
        quantity: l.quantity,
        taxClass: l.taxClass,
        weightGrams: l.weightGrams,
        giftCard: l.kind === "gift_card",
      })),
      region,
      address: destination,
      shippingOptionId: chosenOption,
      discount: rule && discount && !discount.problem ? basketDiscountOf(rule) : null,
    },
    opts.shippingOptionId !== undefined,
  );
  const bySku = new Map(totals.lines.map((l) => [l.sku, l]));
  const { lines: _, ...sums } = totals;
  const weightGrams = goods.reduce((n, l) => n + l.weightGrams * l.quantity, 0);
  return {
    cartId: cart.id,
    currency,
    region: regionView(region),
    destination,
    shippingOptions:
      goods.length > 0
        ? shippingQuotes(region, {
            discountedSubtotal: goods.reduce((a, l) => a + l.price * l.quantity, 0) - totals.discount,
            weightGrams,
          })
        : [],
    shippingOptionId: totals.shippingMethod?.optionId ?? null,
    lines: lines.map(({ weightGrams: _w, ...l }) => {
      const t = bySku.get(l.sku);
      return {
        ...l,
        lineTotal: l.price * l.quantity,
        discount: t?.discount ?? 0,
        tax: t?.tax ?? 0,
        // Lines left out of the totals still show the rate they would be taxed at.
        rateBps: t?.rateBps ?? rateFor(region.taxRates, destination, l.taxClass).rateBps,
      };
    }),
    itemCount: lines.reduce((a, l) => a + l.quantity, 0),
    discount,
    totals: sums,
    taxEstimated: region.taxProvider === "stripe_tax",
    hasProblems: lines.some((l) => l.problem !== null),
    updatedAt: cart.updatedAt,
  };
}

/** The view of a cart (or the empty view when there is none), re-read from the database. */
export async function viewOf(
  deps: CartDeps,
  shopper: Shopper,
  cart: { id: string } | null,
  opts: { known?: ReadonlyMap<string, SkuInfo>; newCart?: NewCartRegion } = {},
): Promise<CartView> {
  const row = cart ? await cartById(deps.db.orm, cart.id) : null;
  if (row) return buildView(deps, deps.db.orm, row, customerOf(shopper), { known: opts.known });
  return emptyView(await regionForNewCart(deps.regions, opts.newCart));
}
