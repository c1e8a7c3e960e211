"use client";
import { cancelReasonLabel, cardDue, isPastPayment, shopperActions } from "@mercato/orders/contract";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { SavedCardPay } from "@/components/account/payment-methods-pay.tsx";
import { LegalConsentNote } from "@/components/shop/legal-consent-note.tsx";
import { Money } from "@/components/ui/money.tsx";
import { Empty, ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { STRIPE_PUBLISHABLE_KEY } from "@/lib/config.ts";
import { errorMessage } from "@/lib/shop/errors.ts";
import { useOrder } from "@/lib/shop/use-order.ts";
import { usePaymentState } from "@/lib/shop/use-payment-state.ts";
import { CartTotals } from "./cart-lines.tsx";
import { OrderStatusBadges } from "./order-status.tsx";
import { PendingOrderActions, rememberPendingOrder } from "./pending-order.tsx";
import { StripePayment } from "./stripe-payment.tsx";
import { TestCardForm } from "./test-card-form.tsx";

// Loaded only where Stripe takes the payment: test-provider pages never fetch it or Stripe.js.
const ExpressCheckout = dynamic(() => import("./express-checkout.tsx").then((m) => m.ExpressCheckout), {
  ssr: false,
});

/** Pays (or resumes paying) an order: waits for the reservation, then the provider's form. */
export function PayOrder({ orderId }: { orderId: string }) {
  const router = useRouter();
  const { order, ready } = useOrder(orderId);
  const data = order.data;
  const held = data?.payment?.clientSecret
    ? { paymentId: data.payment.paymentId, clientSecret: data.payment.clientSecret }
    : null;
  // Read once the payment is known: a reload during a 3-D Secure step shows that step again.
  const paymentState = usePaymentState(held);
  const orderPage = `/account/orders/${encodeURIComponent(orderId)}`;

  useEffect(() => {
    if (data && isPastPayment(data)) router.replace(orderPage);
  }, [data, router, orderPage]);

  // "Back" from here lands on the checkout, whose cart is empty now: it offers this order again.
  const awaiting = Boolean(data && shopperActions(data).pay);
  useEffect(() => {
    if (awaiting) rememberPendingOrder(orderId);
  }, [awaiting, orderId]);

  if (!ready || order.isLoading) return <Spinner label="Loading your order" />;
  if (order.isError || !data) {
    return (
      <Empty title="We cannot show this order here">
        {order.error ? errorMessage(order.error) : null} Open it from the browser you ordered with, or{" "}
        <Link className="text-brand-700 underline" href={`/account/sign-in?next=/checkout/pay/${orderId}`}>
          sign in
        </Link>{" "}
        to the account that placed it.
      </Empty>
    );
  }

  const payment = data.payment;
  return (
    <div className="grid gap-10 lg:grid-cols-[1fr_22rem]">
      <section aria-labelledby="pay-heading" className="space-y-5">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="pay-heading" className="text-lg font-semibold">
            Order {data.number}
          </h2>
          <OrderStatusBadges order={data} />
        </div>
        {data.status === "PENDING" && !payment ? <Spinner label="Reserving your items" /> : null}
        {data.status === "CANCELLED" ? (
          <ErrorNote>
            This order was cancelled{data.cancellation ? `: ${cancelReasonLabel(data.cancellation.reason)}` : ""}.{" "}
            <Link href="/cart" className="underline">
              Back to your cart
            </Link>
          </ErrorNote>
        ) : null}
        {shopperActions(data).pay && payment?.clientSecret ? (
          <div className="rounded-2xl border border-neutral-200 p-5">
            <p className="mb-4 text-sm text-neutral-600">
              Pay {/* A gift card paid its part at checkout: the card pays the rest. */}
              <Money amount={cardDue(data)} currency={data.totals.currency} className="font-semibold text-ink" /> to
              complete your order.
              {data.reservationExpiresAt ? (
                <>
                  {" "}
                  Your items are held until{" "}
                  <time dateTime={data.reservationExpiresAt} suppressHydrationWarning>
                    {new Date(data.reservationExpiresAt).toLocaleTimeString(undefined, { timeStyle: "short" })}
                  </time>
                  .
                </>
              ) : null}
            </p>
            <SavedCardPay
              payment={{ paymentId: payment.paymentId, clientSecret: payment.clientSecret }}
              provider={payment.provider}
              returnUrl={`${typeof window === "undefined" ? "" : window.location.origin}${orderPage}`}
              onSucceeded={() => router.push(orderPage)}
            />
            {!paymentState.read ? (
              <Spinner label="Checking your payment" />
            ) : STRIPE_PUBLISHABLE_KEY && payment.provider === "stripe" ? (
              <>
                <ExpressCheckout
                  clientSecret={payment.clientSecret}
                  returnUrl={`${typeof window === "undefined" ? "" : window.location.origin}${orderPage}`}
                  onSucceeded={() => router.push(orderPage)}
                />
                <StripePayment
                  payment={{ paymentId: payment.paymentId, clientSecret: payment.clientSecret }}
                  pendingStep={paymentState.state?.pendingStep ?? false}
                  previousError={payment.lastError?.reason ?? null}
                  returnUrl={`${typeof window === "undefined" ? "" : window.location.origin}${orderPage}`}
                  onSucceeded={() => router.push(orderPage)}
                />
              </>
            ) : (
              <TestCardForm
                payment={{ paymentId: payment.paymentId, clientSecret: payment.clientSecret }}
                pendingStep={paymentState.state?.pendingStep ?? false}
                previousError={paymentState.state?.pendingStep ? null : (payment.lastError?.reason ?? null)}
                onSucceeded={() => router.push(orderPage)}
              />
            )}
            <LegalConsentNote />
          </div>
        ) : null}
        {shopperActions(data).pay ? (
          <section aria-labelledby="change-heading" className="rounded-2xl border border-neutral-200 p-5">
            <h2 id="change-heading" className="mb-3 font-semibold">
              Need to change something?
            </h2>
            <PendingOrderActions order={data} />
          </section>
        ) : null}
      </section>
      <aside aria-label="Order summary" className="h-fit space-y-4 rounded-2xl border border-neutral-200 p-5">
        <h2 className="text-lg font-semibold">Summary</h2>
        <ul className="space-y-2 text-sm">
          {data.lines.map((l) => (
            <li key={l.sku} className="flex justify-between gap-3">
              <span>
                {l.title} × {l.quantity}
              </span>
              <Money amount={l.unitPrice * l.quantity} currency={data.totals.currency} />
            </li>
          ))}
        </ul>
        <CartTotals totals={data.totals} shippingName={data.shippingMethod?.name ?? null} />
      </aside>
    </div>
  );
}
