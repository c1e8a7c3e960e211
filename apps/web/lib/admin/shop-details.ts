import type { ShopDetails } from "./order-documents.ts";

/**
 * The shop's details on its invoices and packing slips, from the web server's environment (read
 * at run time, so one build serves every shop). The defaults are the demo shop's; a real shop sets
 * SHOP_LEGAL_NAME, SHOP_ADDRESS (lines separated by "|" or new lines), SHOP_VAT_ID, SHOP_EMAIL.
 */
export function shopDetails(env: Record<string, string | undefined> = process.env): ShopDetails {
  const address = (env.SHOP_ADDRESS ?? "Invalidenstraße 116|10115 Berlin|Germany")
    .split(/\||\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return {
    legalName: env.SHOP_LEGAL_NAME?.trim() || "Mercato Demo GmbH",
    address,
    vatId: env.SHOP_VAT_ID?.trim() ?? "DE123456789",
    email: env.SHOP_EMAIL?.trim() || "shop@mercato.dev",
  };
}
