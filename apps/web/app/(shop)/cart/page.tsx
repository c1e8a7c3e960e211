import type { Metadata } from "next";
import { CartPageView } from "@/components/shop/cart-page.tsx";
import { RecentlyViewed } from "@/components/shop/recently-viewed.tsx";

export const metadata: Metadata = { title: "Cart", robots: { index: false } };

export default function CartPage() {
  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      <h1 className="text-3xl font-semibold tracking-tight">Your cart</h1>
      <CartPageView />
      <RecentlyViewed />
    </div>
  );
}
