"use client";
import { useCart } from "@/lib/shop/cart.tsx";

/** Opens the cart drawer; the badge counts units, live. */
export function CartButton() {
  const { cart, setDrawerOpen } = useCart();
  const count = cart?.itemCount ?? 0;
  return (
    <button
      type="button"
      onClick={() => setDrawerOpen(true)}
      className="relative flex items-center gap-2 rounded-lg px-3 py-2 text-sm font-medium text-neutral-700 hover:bg-neutral-100"
    >
      <svg aria-hidden viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8">
        <path
          d="M3 4h2l2.4 11.2a1 1 0 0 0 1 .8h9.2a1 1 0 0 0 1-.76L21 8H6.2"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
        <circle cx="9" cy="20" r="1.4" />
        <circle cx="18" cy="20" r="1.4" />
      </svg>
      {/* The accessible name is the visible text plus a word: "Cart 2 items" (speech input users say what they see). */}
      <span className="sr-only sm:not-sr-only">Cart</span>
      <span
        data-testid="cart-count"
        className={`min-w-5 rounded-full px-1.5 text-center text-xs leading-5 ${count ? "bg-brand-600 text-white" : "bg-neutral-200 text-neutral-600"}`}
      >
        {count}
      </span>
      <span className="sr-only">{count === 1 ? "item" : "items"}</span>
    </button>
  );
}
