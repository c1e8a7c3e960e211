"use client";
import { cancelReasonLabel, shopperActions } from "@mercato/orders/contract";
import Link from "next/link";
import { Fragment } from "react";
import { Money } from "@/components/ui/money.tsx";
import { Empty, Spinner } from "@/components/ui/states.tsx";
import { addressLines } from "@/lib/address.ts";
import { useSession } from "@/lib/session.tsx";
import { errorMessage } from "@/lib/shop/errors.ts";
import { deliveryEstimate } from "@/lib/shop/region-choice.ts";
import type { Address } from "@/lib/shop/types.ts";
import { useOrder } from "@/lib/shop/use-order.ts";
import { CancelOrder } from "./cancel-order.tsx";
import { CartTotals } from "./cart-lines.tsx";
import { StatusBadge, statusLabel, When } from "./order-status.tsx";

function AddressBlock({ title, address }: { title: string; address: Address }) {
  return (
    <div>
      <h3 className="text-sm font-semibold">{title}</h3>
      <address className="mt-1 text-sm not-italic text-neutral-600">
        {addressLines(address).map((line, i) => (
          <Fragment key={line}>
            {i > 0 ? <br /> : null}
            {line}
          </Fragment>
        ))}
      </address>
    </div>
  );
}

/** The confirmation and detail page of an order: status live, timeline, lines, totals, addresses. */
export function OrderDetail({ orderId }: { orderId: string }) {
  const { user } = useSession();
  const { order, timeline, ready } = useOrder(orderId);
  const data = order.data;
  if (!ready || order.isLoading) return <Spinner label="Loading your order" />;
  if (order.isError || !data) {
    return (
      <Empty title="We cannot show this order">
        {order.error ? `${errorMessage(order.error)}. ` : null}
        {user ? (
          "It does not belong to this account."
        ) : (
          <>
            Open it in the browser you ordered with, or{" "}
            <Link href={`/account/sign-in?next=/account/orders/${orderId}`} className="text-brand-700 underline">
              sign in
            </Link>
            .
          </>
        )}
      </Empty>
    );
  }
  const justPaid = data.status === "PAID" && !data.shipment;
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight">Order {data.number}</h1>
          <p className="mt-1 text-sm text-neutral-500">
            Placed <When iso={data.placedAt} /> · {data.email}
          </p>
        </div>
        <StatusBadge status={data.status} />
      </div>

      <div aria-live="polite">
        {justPaid ? (
          <p className="rounded-xl bg-emerald-50 px-4 py-3 text-emerald-800">
            Thank you! Your payment went through and we are preparing your order. A confirmation is on its way to{" "}
            {data.email}.
          </p>
        ) : null}
        {shopperActions(data).pay ? (
          <p className="rounded-xl bg-amber-50 px-4 py-3 text-amber-800">
            This order is waiting for payment.{" "}
            <Link href={`/checkout/pay/${orderId}`} className="font-medium underline">
              Pay now
            </Link>
          </p>
        ) : null}
        {data.status === "PENDING" ? <Spinner label="Reserving your items" /> : null}
        {data.cancellation ? (
          <p className="rounded-xl bg-red-50 px-4 py-3 text-red-700">
            Cancelled: {cancelReasonLabel(data.cancellation.reason)}
          </p>
        ) : null}
      </div>

      <div className="grid gap-10 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-8">
          <section aria-labelledby="items-heading">
            <h2 id="items-heading" className="text-lg font-semibold">
              Items
            </h2>
            <ul className="mt-3 divide-y divide-neutral-200">
              {data.lines.map((l) => (
                <li key={l.sku} className="flex justify-between gap-4 py-3 text-sm">
                  <span>
                    <span className="font-medium">{l.title}</span>
                    <span className="block text-neutral-500">
                      SKU {l.sku} · {l.quantity} × <Money amount={l.unitPrice} currency={data.totals.currency} />
                    </span>
                  </span>
                  <Money amount={l.unitPrice * l.quantity} currency={data.totals.currency} />
                </li>
              ))}
            </ul>
          </section>
          <section className="grid gap-6 sm:grid-cols-2" aria-label="Addresses">
            <AddressBlock title="Shipping to" address={data.shippingAddress} />
            <AddressBlock title="Billing" address={data.billingAddress} />
          </section>
          {data.shippingMethod ? (
            <section aria-labelledby="method-heading" data-testid="shipping-method">
              <h2 id="method-heading" className="text-lg font-semibold">
                Shipping method
              </h2>
              <p className="mt-2 text-sm text-neutral-600">
                {data.shippingMethod.name} ·{" "}
                {deliveryEstimate(data.shippingMethod.minDays, data.shippingMethod.maxDays)} ·{" "}
                {data.shippingMethod.amount === 0 ? (
                  "Free"
                ) : (
                  <Money amount={data.shippingMethod.amount} currency={data.totals.currency} />
                )}
              </p>
            </section>
          ) : null}
          {data.shipment ? (
            <section aria-labelledby="shipment-heading">
              <h2 id="shipment-heading" className="text-lg font-semibold">
                Shipment
              </h2>
              <p className="mt-2 text-sm text-neutral-600">
                {data.shipment.carrier} · tracking <span className="font-mono">{data.shipment.trackingNumber}</span>
              </p>
            </section>
          ) : null}
          {shopperActions(data).cancel ? (
            <CancelOrder orderId={orderId} onCancelled={() => void order.refetch()} />
          ) : null}
        </div>
        <aside className="space-y-6">
          <section aria-labelledby="timeline-heading" className="rounded-2xl border border-neutral-200 p-5">
            <h2 id="timeline-heading" className="text-lg font-semibold">
              Timeline
            </h2>
            <ol className="mt-4 space-y-4 border-l border-neutral-200 pl-4">
              {timeline.map((e) => (
                <li key={`${e.status}-${e.at}`} className="relative text-sm">
                  <span aria-hidden className="absolute top-1.5 -left-[1.3rem] h-2 w-2 rounded-full bg-brand-600" />
                  <p className="font-medium">{statusLabel(e.status)}</p>
                  <p className="text-neutral-500">
                    <When iso={e.at} />
                  </p>
                </li>
              ))}
            </ol>
          </section>
          <section aria-label="Totals" className="rounded-2xl border border-neutral-200 p-5">
            {data.discountCode ? (
              <p className="mb-3 text-sm text-neutral-600">
                Code <span className="font-medium">{data.discountCode}</span>
              </p>
            ) : null}
            <CartTotals totals={data.totals} shippingName={data.shippingMethod?.name ?? null} />
            <p className="mt-3 text-xs text-neutral-500" data-testid="order-currency">
              Charged in {data.totals.currency}
              {data.totals.taxInclusive ? ", tax included" : ""}.
            </p>
          </section>
        </aside>
      </div>
    </div>
  );
}
