import Link from "next/link";

const PAGES = [
  { href: "/account", label: "Profile and addresses" },
  { href: "/account/security", label: "Password and sessions" },
  { href: "/account/settings", label: "Preferences" },
  { href: "/account/privacy", label: "Your data" },
  { href: "/account/wishlist", label: "Wishlist" },
] as const;

/** The account's sections; `current` is the page's own path. */
export function AccountNav({ current }: { current: (typeof PAGES)[number]["href"] }) {
  return (
    <nav aria-label="Account" className="mt-4 flex flex-wrap gap-2 text-sm">
      {PAGES.map((p) => (
        <Link
          key={p.href}
          href={p.href}
          aria-current={p.href === current ? "page" : undefined}
          className={`rounded-full border px-3 py-1 ${p.href === current ? "border-brand-600 bg-brand-50 text-brand-800" : "border-neutral-300 text-neutral-700 hover:bg-neutral-50"}`}
        >
          {p.label}
        </Link>
      ))}
      <Link
        href="/account/orders"
        className="rounded-full border border-neutral-300 px-3 py-1 text-neutral-700 hover:bg-neutral-50"
      >
        Orders
      </Link>
    </nav>
  );
}
