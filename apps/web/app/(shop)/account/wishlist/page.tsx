import type { Metadata } from "next";
import { AccountNav } from "@/components/account/nav.tsx";
import { AccountWishlist } from "@/components/account/wishlist.tsx";
import { RequireUser } from "@/components/shop/require-user.tsx";

export const metadata: Metadata = { title: "Your wishlist", robots: { index: false } };

export default function WishlistPage() {
  return (
    <div className="mx-auto max-w-5xl px-4 py-8 sm:px-6">
      <h1 className="text-3xl font-semibold tracking-tight">Your wishlist</h1>
      <AccountNav current="/account/wishlist" />
      <div className="mt-8">
        <RequireUser next="/account/wishlist">
          <AccountWishlist />
        </RequireUser>
      </div>
    </div>
  );
}
