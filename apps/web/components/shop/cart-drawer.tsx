"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { Empty, Spinner } from "@/components/ui/states.tsx";
import { useCart } from "@/lib/shop/cart.tsx";
import { taxAwaitsAddress } from "@/lib/shop/region-choice.ts";
import { useCartRegion } from "@/lib/shop/region-context.tsx";
import { CartLines, CartTotals, DiscountForm } from "./cart-lines.tsx";

/** The cart as a side panel: a modal dialog (focus moves in, Escape closes, the page is inert). */
export function CartDrawer() {
  const { cart, loading, offline, fromSnapshot, drawerOpen, setDrawerOpen } = useCart();
  const region = useCartRegion(cart);
  const dialog = useRef<HTMLDialogElement>(null);
  const pathname = usePathname();

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (drawerOpen && !el.open) el.showModal();
    if (!drawerOpen && el.open) el.close();
  }, [drawerOpen]);

  // Following a link inside the drawer closes it.
  useEffect(() => setDrawerOpen(false), [pathname]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby="cart-drawer-title"
      onClose={() => setDrawerOpen(false)}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside the panel) closes it.
        if (e.target === e.currentTarget) setDrawerOpen(false);
      }}
      onKeyDown={() => undefined}
      className="fixed inset-y-0 right-0 left-auto m-0 h-full max-h-none w-full max-w-md bg-white p-0 shadow-2xl backdrop:bg-black/40"
    >
      <div className="flex h-full flex-col">
        <div className="flex items-center justify-between border-b border-neutral-200 px-5 py-4">
          <h2 id="cart-drawer-title" className="text-lg font-semibold">
            Your cart {cart?.itemCount ? <span className="text-neutral-500">({cart.itemCount})</span> : null}
          </h2>
          <button
            type="button"
            onClick={() => setDrawerOpen(false)}
            aria-label="Close cart"
            className="rounded-lg p-2 text-neutral-500 hover:bg-neutral-100"
          >
            <svg aria-hidden viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2">
              <path d="M6 6l12 12M18 6L6 18" strokeLinecap="round" />
            </svg>
          </button>
        </div>
        {offline || fromSnapshot ? (
          <p
            role="status"
            data-testid="cart-offline"
            className="border-b border-amber-200 bg-amber-50 px-5 py-3 text-sm text-amber-900"
          >
            {offline ? "You are offline, or the shop cannot be reached. " : "We cannot reach the shop right now. "}
            {cart
              ? "This is your cart as this device last saw it; you can change it again once you are back online."
              : "This device has no copy of your cart yet."}
          </p>
        ) : null}
        <div className="flex-1 overflow-y-auto px-5">
          {loading ? (
            <div className="py-8">
              <Spinner label="Loading your cart" />
            </div>
          ) : !cart && (offline || fromSnapshot) ? null : !cart || cart.lines.length === 0 ? (
            <div className="py-8">
              <Empty title="Your cart is empty">Find something you like and add it here.</Empty>
            </div>
          ) : (
            // Offline, every control of the lines is disabled (a change needs the shop); links still work.
            <fieldset disabled={offline} className="m-0 min-w-0 border-0 p-0">
              <legend className="sr-only">Items in your cart</legend>
              <CartLines cart={cart} compact />
            </fieldset>
          )}
        </div>
        {cart && cart.lines.length > 0 ? (
          <div className="space-y-4 border-t border-neutral-200 bg-neutral-50 px-5 py-4">
            <fieldset disabled={offline} className="m-0 min-w-0 border-0 p-0">
              <legend className="sr-only">Discount</legend>
              <DiscountForm cart={cart} />
            </fieldset>
            <CartTotals
              totals={cart.totals}
              shippingName={cart.totals.shippingMethod?.name ?? null}
              taxPending={taxAwaitsAddress(region, cart.destination)}
            />
            <div className="grid grid-cols-2 gap-2">
              <Link
                href="/cart"
                className="rounded-lg border border-neutral-300 bg-white px-4 py-2.5 text-center text-sm font-medium hover:bg-neutral-50"
              >
                View cart
              </Link>
              <Link
                href="/checkout"
                aria-disabled={cart.hasProblems || offline}
                className={`rounded-lg px-4 py-2.5 text-center text-sm font-medium text-white ${cart.hasProblems || offline ? "pointer-events-none bg-brand-100 text-brand-500" : "bg-brand-600 hover:bg-brand-700"}`}
              >
                Checkout
              </Link>
            </div>
          </div>
        ) : null}
      </div>
    </dialog>
  );
}
