import { giftCardAmountAllowed } from "@mercato/payments/contract";
import {
  type BasketDiscount,
  type BasketInput,
  currencySchema,
  needsSubdivision,
  type RegionRules,
  type TaxClass,
} from "@mercato/pricing";
import type { Address, OrderLine, ProductKind } from "../contract.ts";
import { OrderRuleError } from "./errors.ts";

/** A SKU as the catalog sells it now: its price set, tax class and weight. */
export interface CatalogSku {
  sku: string;
  productId: string;
  title: string;
  image: { url: string; alt: string } | null;
  options: Record<string, string>;
  status: "draft" | "active" | "archived";
  prices: readonly { currency: string; amount: number }[];
  /**
   * What the shopper pays now per currency, price lists applied (#27), with the list behind it;
   * absent: the regular `prices`.
   */
  effectivePrices?: readonly { currency: string; amount: number; priceList: { id: string; name: string } | null }[];
  taxClass: TaxClass;
  weightGrams: number;
  /** The product's seller (#20; null = the shop). */
  ownerId?: string | null;
  /** Goods, or a gift card (#27); absent: goods. */
  kind?: ProductKind;
}

/** A cart line as orders reads it: a gift card's carries its recipient. */
export interface CartLine {
  sku: string;
  quantity: number;
  giftCard?: OrderLine["giftCard"] | null;
}

/** The code on the cart (or the one the cart reserved for this order). */
export interface CartDiscount {
  code: string;
  kind: "percent" | "fixed";
  value: number;
  minSubtotal: number;
  /** A fixed amount's currency; null for a percentage. */
  currency?: string | null;
}

/** What pricing an order needs, decided from the cart, the catalog and the region; no money worked out yet. */
export interface OrderBasket {
  lines: OrderLine[];
  basket: BasketInput;
  /** The code applied (null when there is none or the basket is below its minimum). */
  discountCode: string | null;
}

/**
 * Where an order may ship in a region: one of its countries, and with a subdivision (a US state)
 * where the region's rates depend on it. Refusals name the checkout's field.
 */
export function checkDestination(region: RegionRules, address: Pick<Address, "country" | "subdivision">): void {
  const country = address.country.toUpperCase();
  if (!region.countries.includes(country)) {
    throw new OrderRuleError(
      "shippingAddress.country",
      `${country} is not in ${region.name} (${region.countries.join(", ")}); choose that region to ship there`,
    );
  }
  if (needsSubdivision(region.taxRates, country) && !address.subdivision?.trim()) {
    throw new OrderRuleError("shippingAddress.subdivision", `required in ${country}: tax depends on the state`);
  }
}

/**
 * The basket an order is priced from: the catalog's current prices in the region's currency (an
 * order never trusts prices it was sent), its tax classes and weights, the shipping address and
 * option, and the cart's code. A SKU no longer sold, or not sold in the currency, refuses the
 * checkout naming `lines`. A code below its minimum subtotal is not applied, as in the cart.
 */
export function orderBasket(input: {
  lines: readonly CartLine[];
  catalog: readonly CatalogSku[];
  region: RegionRules;
  address: Address;
  shippingOptionId: string | null;
  discount: CartDiscount | null;
}): OrderBasket {
  const { region } = input;
  if (input.lines.length === 0) throw new OrderRuleError("cart", "is empty");
  checkDestination(region, input.address);
  const bySku = new Map(input.catalog.map((s) => [s.sku, s]));
  const priced = input.lines.map((line) => {
    const sku = bySku.get(line.sku);
    if (sku?.status !== "active") throw new OrderRuleError("lines", `${line.sku} is no longer sold`);
    const effective = sku.effectivePrices?.find((p) => p.currency === region.currency);
    const price = effective ?? sku.prices.find((p) => p.currency === region.currency);
    if (!price) throw new OrderRuleError("lines", `${line.sku} is not sold in ${region.currency}`);
    const giftCard = sku.kind === "gift_card";
    // The cart asks for the recipient when the card goes in; a card nobody would receive is not sold.
    if (giftCard && !line.giftCard) throw new OrderRuleError("lines", `${line.sku} is a gift card without a recipient`);
    // The shopper's own amount (checked again: the cart's region may have changed its currency).
    const own = giftCard ? line.giftCard?.amount : undefined;
    if (own !== undefined && !giftCardAmountAllowed(own, region.currency)) {
      throw new OrderRuleError("lines", `${line.sku}: ${own} is not a gift-card amount in ${region.currency}`);
    }
    return {
      sku,
      quantity: line.quantity,
      unitPrice: own ?? price.amount,
      priceList: effective?.priceList ?? null,
      giftCard: giftCard ? (line.giftCard ?? null) : null,
    };
  });
  const lines: OrderLine[] = priced.map(({ sku, quantity, unitPrice, priceList, giftCard }) => ({
    sku: sku.sku,
    productId: sku.productId,
    title: sku.title,
    image: sku.image,
    options: sku.options,
    quantity,
    unitPrice,
    sellerId: sku.ownerId ?? null,
    priceList,
    ...(giftCard ? { kind: "gift_card" as const, giftCard } : {}),
  }));
  // A code's minimum is met by goods: gift cards take no discount, as in the cart. Gift cards
  // alone take none at all, so the code's use is not spent on them.
  const subtotal = goodsSubtotal(lines);
  const discount = input.discount && subtotal > 0 && subtotal >= input.discount.minSubtotal ? input.discount : null;
  return {
    lines,
    basket: {
      lines: priced.map(({ sku, quantity, unitPrice, giftCard }) => ({
        sku: sku.sku,
        unitPrice,
        quantity,
        taxClass: sku.taxClass,
        weightGrams: sku.weightGrams,
        giftCard: giftCard !== null,
      })),
      region,
      address: {
        country: input.address.country.toUpperCase(),
        subdivision: input.address.subdivision?.trim().toUpperCase() ?? null,
        postalCode: input.address.postalCode,
      },
      shippingOptionId: input.shippingOptionId,
      discount: discount && basketDiscount(discount),
    },
    discountCode: discount?.code ?? null,
  };
}

/** What the order's goods cost before discount: the amount a code's minimum and its use are measured on. */
export function goodsSubtotal(lines: readonly Pick<OrderLine, "kind" | "unitPrice" | "quantity">[]): number {
  return lines.reduce((n, l) => (l.kind === "gift_card" ? n : n + l.unitPrice * l.quantity), 0);
}

function basketDiscount(d: CartDiscount): BasketDiscount {
  if (d.kind === "percent") return { kind: "percent", value: d.value };
  // Fixed codes made before currencies were EUR amounts: that is what a code without one means.
  const currency = currencySchema.safeParse(d.currency ?? "EUR");
  if (!currency.success) throw new OrderRuleError("discountCode", `${d.code} is in an unknown currency`);
  return { kind: "fixed", value: d.value, currency: currency.data };
}
