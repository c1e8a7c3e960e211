import { eq } from "drizzle-orm";
import { saveLegalPageIn } from "../app/save-legal-page.ts";
import type { LegalPageSlug } from "../contract.ts";
import { legalPages } from "./schema.ts";
import type { CatalogTx } from "./tx.ts";

/**
 * Demo text for the four legal pages (#21): a starting point a merchant must rewrite, never legal
 * advice. The returns page states orders' defaults (RETURN_WINDOW_DAYS 30 from delivery,
 * RETURN_REFUNDS_SHIPPING false, RETURN_RESTOCKING_FEE_BPS 0) and RETURN_REASONS' wording: a shop
 * changing those variables edits this page in /admin/pages too.
 */
export const DEMO_LEGAL_PAGES: readonly { slug: LegalPageSlug; title: string; body: string }[] = [
  {
    slug: "terms",
    title: "Terms and conditions",
    body: `These terms apply to every order placed in the Mercato demo shop.

## Who sells to you

The seller is the shop named in the [imprint](/legal/imprint). Some products are sold by other sellers through the shop; the shop remains your contact for every order.

## Your order

1. You choose products, a shipping address and a shipping option.
2. When you pay, your order is placed and we reserve the items for you.
3. We confirm the order by email and tell you when each parcel ships.

A contract is made when we confirm your payment. If an item cannot be delivered, we tell you at once and refund what you paid for it.

## Prices and payment

Prices are shown in your region's currency. In Europe and the United Kingdom they include VAT; in the United States sales tax is added at checkout for your state. Shipping costs are shown before you pay.

## Delivery

We ship to the countries of the region you shop in. Delivery estimates are shown at checkout and are estimates, not promises.

## Returns

You may return items as described in our [returns policy](/legal/returns).

## Privacy

How we handle your data is described in our [privacy policy](/legal/privacy).`,
  },
  {
    slug: "privacy",
    title: "Privacy policy",
    body: `We collect only what we need to sell to you and deliver your orders.

## What we keep

- **Your account**: name, email address and a hashed password.
- **Your orders**: the items, the shipping and billing addresses, and the payment's status. Card details are handled by our payment provider and never reach our servers.
- **Emails we send you**: order confirmations, shipping updates and, only if you ask for them, offers.

## Cookies

The shop sets only cookies it needs to work: your session when you sign in, your cart, access to orders you placed as a guest, and the region you shop in. None of them tracks you across other sites, so we do not ask for consent to them.

## Your rights

You can see and correct your details in your account, download them, and delete your account at any time. Orders we must keep for tax law are kept without your name once your account is deleted.

## Contact

Write to the address in the [imprint](/legal/imprint).`,
  },
  {
    slug: "returns",
    title: "Returns and refunds",
    body: `Not happy with something? You can send it back.

## The return window

You may return items for **30 days from the day they were delivered**. Each parcel has its own window, counted from its delivery.

## How to return

1. Open your order (from your account, or the link in your order email) and choose **Request a return**.
2. Pick the items, how many, and the reason: it arrived damaged, you received the wrong item, it is not as described, it does not fit, you changed your mind, or another reason.
3. You may ask for another size or colour of the same product instead of a refund (an exchange).
4. We review your request and email you the instructions for sending the parcel.

## Refunds

When the parcel arrives we check it and refund the items we received, to the payment method you used, in the order's currency. Any discount you had is taken off the refund in proportion. Shipping costs are not refunded, and there is no restocking fee.

## Exchanges

If the replacement costs more, you pay the difference before we ship it; if it costs less, we refund the difference.`,
  },
  {
    slug: "imprint",
    title: "Imprint",
    // A backslash at the end of a line is Markdown's line break.
    body: `**Mercato Demo GmbH**\\
Invalidenstraße 116\\
10115 Berlin\\
Germany

Email: shop@mercato.dev\\
VAT ID: DE123456789

Managing director: Alex Example

This is a demonstration shop: no order placed here is delivered or charged.`,
  },
];

/** Writes the demo pages that are not there yet (an edited page is never overwritten). */
export async function seedLegalPages(tx: CatalogTx): Promise<number> {
  let added = 0;
  for (const page of DEMO_LEGAL_PAGES) {
    const [exists] = await tx.select({ slug: legalPages.slug }).from(legalPages).where(eq(legalPages.slug, page.slug));
    if (exists) continue;
    await saveLegalPageIn(tx, page, null, new Date(Date.UTC(2026, 0, 1)));
    added++;
  }
  return added;
}
