"use client";
// Back from payment (#21): an order placed but not paid holds its stock while the cart is empty
// (the cart empties once the order is placed), so "Back" from the pay page used to show "Your cart
// is empty" with no way out. The pay page remembers the order for this tab; the checkout then
// offers to continue paying it, to change its address or shipping, or to release it
// (`orders.releasePending`: the order is cancelled by the shopper, inventory releases the stock)
// with its lines put back in the cart, the code applied again and the address kept for the form.
import { useMercatoClient } from "@mercato/client/react";
import { type OrderView, releaseRefusal, shopperActions } from "@mercato/orders/contract";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Money } from "@/components/ui/money.tsx";
import { ErrorNote } from "@/components/ui/states.tsx";
import { useCart } from "@/lib/shop/cart.tsx";
import { errorMessage } from "@/lib/shop/errors.ts";
import type { Address } from "@/lib/shop/types.ts";
import { useOrder } from "@/lib/shop/use-order.ts";

const PENDING_KEY = "mercato_pending_order";
const PREFILL_KEY = "mercato_checkout_prefill";
/** Tells a checkout form already on the page that a prefill is waiting. */
export const PREFILL_EVENT = "mercato:checkout-prefill";

/** What the checkout form starts from after a release "to change the address or shipping". */
export interface CheckoutPrefill {
  email: string;
  shippingAddress: Address;
  billingAddress: Address;
  shippingOptionId: string | null;
}

/** The pay page notes its order for this tab (sessionStorage: no token, only the order id). */
export function rememberPendingOrder(orderId: string): void {
  try {
    sessionStorage.setItem(PENDING_KEY, orderId);
  } catch {
    // Storage refused (private mode): the checkout simply cannot offer the way back.
  }
}

function pendingOrderId(): string | null {
  try {
    return sessionStorage.getItem(PENDING_KEY);
  } catch {
    return null;
  }
}

function forgetPendingOrder(): void {
  try {
    sessionStorage.removeItem(PENDING_KEY);
  } catch {
    // Nothing to forget.
  }
}

/** The address the released order had, once: the checkout form reads it and it is gone. */
export function takeCheckoutPrefill(): CheckoutPrefill | null {
  try {
    const raw = sessionStorage.getItem(PREFILL_KEY);
    sessionStorage.removeItem(PREFILL_KEY);
    return raw ? (JSON.parse(raw) as CheckoutPrefill) : null;
  } catch {
    return null;
  }
}

/**
 * "Change address or shipping" and "Cancel this order and return to my cart": both release the
 * order, then refill the cart with its lines (and its code and shipping choice); the first goes
 * back to the checkout with the order's address filled in, the second to the cart.
 */
export function PendingOrderActions({ order }: { order: OrderView }) {
  const client = useMercatoClient();
  const router = useRouter();
  const cart = useCart();
  const [busy, setBusy] = useState<"edit" | "release" | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (releaseRefusal(order) !== null || order.status === "CANCELLED") return null;

  const release = async (then: "edit" | "release") => {
    setBusy(then);
    setError(null);
    try {
      const released = await client.orders.releasePending.mutate({ orderId: order.id });
      forgetPendingOrder();
      const optionId = released.shippingMethod?.optionId;
      for (const line of released.lines) await cart.add(line.sku, line.quantity);
      if (released.discountCode) await cart.applyCode(released.discountCode).catch(() => undefined);
      if (optionId) await cart.setShipping(optionId).catch(() => undefined);
      // Once the cart is refilled (so nothing here changes it after the shopper starts editing),
      // the checkout form takes the order's details: on mount, or now if it is this very page.
      if (then === "edit") {
        const prefill: CheckoutPrefill = {
          email: released.email,
          shippingAddress: released.shippingAddress,
          billingAddress: released.billingAddress,
          shippingOptionId: optionId ?? null,
        };
        sessionStorage.setItem(PREFILL_KEY, JSON.stringify(prefill));
        window.dispatchEvent(new Event(PREFILL_EVENT));
      }
      router.push(then === "edit" ? "/checkout" : "/cart");
    } catch (err) {
      setError(errorMessage(err));
      setBusy(null);
    }
  };

  return (
    <div className="space-y-3" data-testid="pending-order-actions">
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" disabled={busy !== null} onClick={() => release("edit")}>
          {busy === "edit" ? "Releasing your order…" : "Change address or shipping"}
        </Button>
        <Button variant="secondary" disabled={busy !== null} onClick={() => release("release")}>
          {busy === "release" ? "Releasing your order…" : "Cancel this order and return to my cart"}
        </Button>
      </div>
      <p className="text-xs text-neutral-500">
        Either way this order is cancelled and its items go back into your cart; you check out again with the new
        details.
      </p>
      {error ? <ErrorNote>{error}</ErrorNote> : null}
    </div>
  );
}

/**
 * On the checkout with an empty cart: the order this tab was paying, if it still waits for payment,
 * with the ways on (pay it, change it, release it) instead of a dead end.
 */
export function PendingOrderNotice() {
  const [orderId, setOrderId] = useState<string | null>(null);
  useEffect(() => setOrderId(pendingOrderId()), []);
  if (!orderId) return null;
  return <PendingOrderCard orderId={orderId} />;
}

function PendingOrderCard({ orderId }: { orderId: string }) {
  const { order } = useOrder(orderId);
  const data = order.data;
  if (!data || !shopperActions(data).pay) return null;
  return (
    <section
      aria-labelledby="pending-order-heading"
      className="space-y-4 rounded-2xl border border-amber-200 bg-amber-50 p-5"
      data-testid="pending-order"
    >
      <h2 id="pending-order-heading" className="text-lg font-semibold">
        Order {data.number} is waiting for payment
      </h2>
      <p className="text-sm text-neutral-700">
        Its items are held for you and your cart is empty meanwhile. Total{" "}
        <Money amount={data.totals.total} currency={data.totals.currency} className="font-semibold" />.
      </p>
      <Link
        href={`/checkout/pay/${encodeURIComponent(orderId)}`}
        className="inline-flex rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
      >
        Continue to payment
      </Link>
      <PendingOrderActions order={data} />
    </section>
  );
}
