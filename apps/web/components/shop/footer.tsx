import Link from "next/link";
import { SHOP_NAME } from "@/lib/config.ts";

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
] as const;

export function ShopFooter() {
  return (
    <footer className="mt-16 border-t border-neutral-200 bg-neutral-50">
      <div className="mx-auto grid max-w-7xl gap-8 px-4 py-10 text-sm text-neutral-600 sm:grid-cols-3 sm:px-6">
        <div>
          <p className="font-semibold text-ink">{SHOP_NAME}</p>
          <p className="mt-2">Everyday things, well made. Free shipping over €50 within the EU.</p>
        </div>
        {SECTIONS.map((section) => (
          <nav key={section.title} aria-label={section.title}>
            <p className="font-semibold text-ink">{section.title}</p>
            <ul className="mt-2 space-y-1">
              {section.links.map(([href, label]) => (
                <li key={href}>
                  <Link className="hover:text-brand-700" href={href}>
                    {label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ))}
      </div>
      <p className="border-t border-neutral-200 py-4 text-center text-xs text-neutral-500">
        © {SHOP_NAME}. Prices exclude tax, which is shown before you pay.
      </p>
    </footer>
  );
}
