import type { RegionRules } from "@mercato/pricing";
import { taxNote } from "@/lib/shop/region-choice.ts";

/** "Prices in £ GBP, incl. VAT": how the shown prices treat tax in the shopper's region. */
export function TaxNote({
  region,
  inline = false,
}: {
  region: Pick<RegionRules, "currency" | "taxInclusive">;
  inline?: boolean;
}) {
  const text = `Prices in ${region.currency}, ${taxNote(region.taxInclusive)}`;
  return inline ? (
    <span data-testid="tax-note">{text}</span>
  ) : (
    <p className="mt-1 text-sm text-neutral-500" data-testid="tax-note">
      {text}
    </p>
  );
}
