import { type DomainError, invalid } from "@mercato/kit/errors";
import { GIFT_CARD_AMOUNTS, giftCardAmountAllowed } from "@mercato/payments/contract";
import { priceSetOf, type TaxClass, type VariantInput } from "../contract.ts";

/**
 * What a gift-card product (#27) must be, or the first field that is not: zero-rated (VAT is due
 * when the card is spent, not when it is sold), weightless (nothing ships), each denomination
 * priced within payments' gift-card range in every currency (payments would refuse to issue
 * anything else after the shopper paid), and with no compare-at price (money is not on sale).
 */
export function giftCardProductProblem(input: {
  taxClass?: TaxClass | undefined;
  variants?: readonly VariantInput[] | undefined;
}): DomainError | null {
  if (input.taxClass !== undefined && input.taxClass !== "zero") {
    return invalid("taxClass", "a gift card is zero-rated when sold: tax is due when it is spent");
  }
  for (const [i, v] of (input.variants ?? []).entries()) {
    if ((v.weightGrams ?? 0) !== 0) return invalid(`variants.${i}.weightGrams`, "a gift card weighs nothing");
    for (const [j, p] of priceSetOf(v).entries()) {
      const where = v.prices ? `variants.${i}.prices.${j}` : `variants.${i}`;
      if (!giftCardAmountAllowed(p.amount, p.currency)) {
        const { min, max } = GIFT_CARD_AMOUNTS[p.currency];
        return invalid(
          v.prices ? `${where}.amount` : `${where}.price`,
          `a gift card in ${p.currency} is between ${min} and ${max} minor units`,
        );
      }
      if (p.compareAtAmount !== null) {
        return invalid(
          v.prices ? `${where}.compareAtAmount` : `${where}.compareAtPrice`,
          "a gift card has no compare-at price",
        );
      }
    }
  }
  return null;
}
