"use client";
import Link from "next/link";
import { Empty, ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { useCart } from "@/lib/shop/cart.tsx";
import { countryName, deliveryEstimate, taxAwaitsAddress } from "@/lib/shop/region-choice.ts";
import { useCartRegion } from "@/lib/shop/region-context.tsx";
import type { CartView } from "@/lib/shop/types.ts";
import { CartLines, CartTotals, DiscountForm } from "./cart-lines.tsx";

/** Where the estimate is for and when it would arrive; the option is picked at checkout. */
function ShippingEstimate({ cart }: { cart: CartView }) {
  const method = cart.totals.shippingMethod;
  const country = cart.destination.country;
  return (
    <p className="text-xs text-neutral-500" data-testid="shipping-estimate">
      {method
        ? `${method.name} shipping${country ? ` to ${countryName(country)}` : ""}: ${deliveryEstimate(method.minDays, method.maxDays)}. `
        : null}
      {cart.shippingOptions.length > 1 ? "Choose another option at checkout." : null}
    </p>
  );
}

export function CartPageView() {
  const { cart, loading } = useCart();
  const region = useCartRegion(cart);
  if (loading) {
    return (
      <div className="py-10">
        <Spinner label="Loading your cart" />
      </div>
    );
  }
  if (!cart || cart.lines.length === 0) {
    return (
      <div className="mt-8">
        <Empty title="Your cart is empty">
          <Link href="/" className="text-brand-700 underline">
            Continue shopping
          </Link>
        </Empty>
      </div>
    );
  }
  return (
    <div className="mt-8 grid gap-10 lg:grid-cols-[1fr_22rem]">
      <section aria-label="Items">
        {cart.hasProblems ? (
          <ErrorNote>Some items cannot be bought as they are. Update or remove them to check out.</ErrorNote>
        ) : null}
        <CartLines cart={cart} />
      </section>
      <aside aria-label="Order summary" className="h-fit space-y-5 rounded-2xl border border-neutral-200 p-5">
        <h2 className="text-lg font-semibold">Summary</h2>
        <DiscountForm cart={cart} />
        <CartTotals
          totals={cart.totals}
          shippingName={cart.totals.shippingMethod?.name ?? null}
          estimated={cart.taxEstimated}
          taxPending={taxAwaitsAddress(region, cart.destination)}
        />
        <ShippingEstimate cart={cart} />
        <Link
          href="/checkout"
          aria-disabled={cart.hasProblems}
          className={`block rounded-lg px-4 py-3 text-center font-medium text-white ${cart.hasProblems ? "pointer-events-none bg-brand-100 text-brand-500" : "bg-brand-600 hover:bg-brand-700"}`}
        >
          Checkout
        </Link>
      </aside>
    </div>
  );
}
