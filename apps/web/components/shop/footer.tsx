import { LEGAL_PAGE_LABELS, LEGAL_PAGE_SLUGS } from "@mercato/catalog/contract";
import Link from "next/link";
import { Money } from "@/components/ui/money.tsx";
import { SHOP_NAME } from "@/lib/config.ts";
import { shopRegion } from "@/lib/shop/region.ts";
import { freeShippingThreshold, taxSentence } from "@/lib/shop/region-choice.ts";

const SECTIONS = [
  {
    title: "Shop",
    links: [
      ["/c/clothing", "Clothing"],
      ["/c/footwear", "Footwear"],
      ["/search", "Search"],
    ],
  },
  {
    title: "Your account",
    links: [
      ["/account", "Account"],
      ["/account/orders", "Orders"],
      ["/cart", "Cart"],
    ],
  },
  // The shop's legal pages (#21), from the catalog contract's fixed list.
  { title: "Legal", links: LEGAL_PAGE_SLUGS.map((slug) => [`/legal/${slug}`, LEGAL_PAGE_LABELS[slug]] as const) },
] as const;

/** Links, and what shipping and tax mean in the shopper's region. */
export async function ShopFooter() {
  const { region } = await shopRegion();
  const freeAbove = freeShippingThreshold(region);
  return (
    <footer className="mt-16 border-t border-neutral-200 bg-neutral-50">
      <div className="mx-auto grid max-w-7xl gap-8 px-4 py-10 text-sm text-neutral-600 sm:grid-cols-2 sm:px-6 lg:grid-cols-4">
        <div>
          <p className="font-semibold text-ink">{SHOP_NAME}</p>
          <p className="mt-2">
            Everyday things, well made.
            {freeAbove !== null ? (
              <>
                {" "}
                Free shipping to {region.name} over <Money amount={freeAbove} currency={region.currency} />.
              </>
            ) : null}
          </p>
        </div>
        {SECTIONS.map((section) => (
          <nav key={section.title} aria-label={section.title}>
            <p className="font-semibold text-ink">{section.title}</p>
            <ul className="mt-2 space-y-1">
              {section.links.map(([href, label]) => (
                <li key={href}>
                  <Link prefetch={false} className="hover:text-brand-700" href={href}>
                    {label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ))}
      </div>
      <p className="border-t border-neutral-200 py-4 text-center text-xs text-neutral-500">
        © {SHOP_NAME}. {taxSentence(region)}
      </p>
    </footer>
  );
}
