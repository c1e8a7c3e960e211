import { shareTokenSchema } from "@mercato/cart/contract";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { WishlistItems } from "@/components/shop/wishlist-items.tsx";
import { publicClient } from "@/lib/server.ts";
import { errorCode } from "@/lib/shop/errors.ts";
import { shopRegion } from "@/lib/shop/region.ts";

// Revocable: every view asks the cart, so a revoked link stops showing at once.
export const dynamic = "force-dynamic";
// The token is a capability: search engines and the Referer of outbound links must not carry it.
export const metadata: Metadata = {
  title: "A shared wishlist",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

interface Props {
  params: Promise<{ token: string }>;
}

/** A wishlist someone shared (#27): read-only, the first name they chose and the items, in the visitor's currency. */
export default async function SharedWishlistPage({ params }: Props) {
  const { token } = await params;
  if (!shareTokenSchema.safeParse(token).success) notFound();
  const { region } = await shopRegion();
  const shared = await publicClient()
    .cart.wishlist.shared.query({ shareToken: token, currency: region.currency })
    .catch((err: unknown) => {
      if (errorCode(err) === "NOT_FOUND") return null;
      throw err;
    });
  if (!shared) notFound();
  return (
    <div className="mx-auto max-w-5xl px-4 py-8 sm:px-6">
      <h1 className="text-3xl font-semibold tracking-tight">{shared.shareName}’s wishlist</h1>
      <p className="mt-2 text-sm text-neutral-600">A list shared with you: open an item to buy it for yourself.</p>
      <div className="mt-8">
        {shared.items.length === 0 ? (
          <p className="text-neutral-700">This wishlist is empty for now.</p>
        ) : (
          <WishlistItems items={shared.items} />
        )}
      </div>
    </div>
  );
}
