import { type Currency, computeTotals, type PricingConfig } from "@mercato/pricing";
import type { CartDiscountView, CartView } from "../contract.ts";
import { type CartRow, cartById, codeByName, customerUsedCode, itemsOf, type Reader } from "../db/queries.ts";
import type { CartDeps } from "../deps.ts";
import { lineProblem } from "../domain/cart-lines.ts";
import { codeRefusal } from "../domain/discount-code.ts";
import { customerOf, type Shopper } from "./shopper.ts";
import type { SkuInfo, SkuSource } from "./sku-source.ts";

export interface ViewDeps {
  skus: SkuSource;
  pricing: PricingConfig;
}

/** The view of a shopper with no cart yet. */
export function emptyView(pricing: PricingConfig, currency: Currency = "EUR"): CartView {
  const { lines: _, ...totals } = computeTotals({ lines: [], currency, discount: null, config: pricing });
  return {
    cartId: null,
    currency,
    lines: [],
    itemCount: 0,
    discount: null,
    totals,
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
): Promise<Map<string, SkuInfo>> {
  if (!known) return source.lookup(skus);
  const missing = skus.filter((sku) => !known.has(sku));
  const fetched = missing.length > 0 ? await source.lookup(missing) : new Map<string, SkuInfo>();
  return new Map([...known, ...fetched]);
}

/**
 * The honest view of a cart: every read re-checks price and availability, flags lines that cannot
 * be bought, prices only the others, and re-validates the discount code against them.
 * `code` replaces the cart's own code, to try a code before applying it; `known` holds SKUs read
 * moments ago in the same request.
 */
export async function buildView(
  deps: ViewDeps,
  db: Reader,
  cart: CartRow,
  customer: { userId: string | null; email: string | null },
  opts: { code?: string | null; now?: Date; known?: ReadonlyMap<string, SkuInfo> } = {},
): Promise<CartView> {
  const now = opts.now ?? new Date();
  const items = await itemsOf(db, cart.id);
  const info = await lookupUnknown(
    deps.skus,
    items.map((i) => i.sku),
    opts.known,
  );
  const sellable = (state: SkuInfo | undefined) => (state && state.currency === cart.currency ? state : undefined);

  const lines = items.map((item) => {
    const state = sellable(info.get(item.sku));
    const price = state?.price ?? item.priceWhenAdded;
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
      available: state?.available ?? 0,
      problem: lineProblem(item.quantity, state),
    };
  });
  const priced = lines.filter((l) => l.problem === null);
  const pricedSubtotal = priced.reduce((a, l) => a + l.price * l.quantity, 0);

  const codeName = opts.code === undefined ? cart.discountCode : opts.code;
  // Codes are never deleted (only deactivated), so a stored code always has its rule.
  const rule = codeName ? await codeByName(db, codeName) : undefined;
  let discount: CartDiscountView | null = null;
  if (codeName && rule) {
    const usedByCustomer = rule.oncePerCustomer ? await customerUsedCode(db, rule.code, customer) : false;
    const problem = codeRefusal(codeName, rule, {
      now,
      subtotal: pricedSubtotal,
      currency: cart.currency,
      usedByCustomer,
      guest: customer.userId === null,
    });
    discount = { code: rule.code, kind: rule.kind, value: rule.value, minSubtotal: rule.minSubtotal, problem };
  }

  const totals = computeTotals({
    lines: priced.map((l) => ({ sku: l.sku, unitPrice: l.price, quantity: l.quantity })),
    currency: cart.currency,
    discount: discount && !discount.problem ? { kind: discount.kind, value: discount.value } : null,
    config: deps.pricing,
  });
  const bySku = new Map(totals.lines.map((l) => [l.sku, l]));
  const { lines: _, ...sums } = totals;
  return {
    cartId: cart.id,
    currency: cart.currency,
    lines: lines.map((l) => ({
      ...l,
      lineTotal: l.price * l.quantity,
      discount: bySku.get(l.sku)?.discount ?? 0,
      tax: bySku.get(l.sku)?.tax ?? 0,
    })),
    itemCount: lines.reduce((a, l) => a + l.quantity, 0),
    discount,
    totals: sums,
    hasProblems: lines.some((l) => l.problem !== null),
    updatedAt: cart.updatedAt,
  };
}

/** The view of a cart (or the empty view when there is none), re-read from the database. */
export async function viewOf(
  deps: CartDeps,
  shopper: Shopper,
  cart: { id: string } | null,
  known?: ReadonlyMap<string, SkuInfo>,
): Promise<CartView> {
  const row = cart ? await cartById(deps.db.orm, cart.id) : null;
  return row ? buildView(deps, deps.db.orm, row, customerOf(shopper), { known }) : emptyView(deps.pricing);
}
