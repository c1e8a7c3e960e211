"use client";
import { useMercato } from "@mercato/client/react";
import {
  cancelReasonLabel,
  cardDue,
  type OrderView,
  RETURN_REASON_LABELS,
  shopperActions,
} from "@mercato/orders/contract";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Fragment } from "react";
import { TrackingLink } from "@/components/orders/tracking.tsx";
import { Money } from "@/components/ui/money.tsx";
import { Empty, Spinner } from "@/components/ui/states.tsx";
import { addressLines } from "@/lib/address.ts";
import { titleOf } from "@/lib/orders/actions.ts";
import { orderTimeline } from "@/lib/orders/lines.ts";
import { useSession } from "@/lib/session.tsx";
import { errorMessage } from "@/lib/shop/errors.ts";
import { deliveryEstimate } from "@/lib/shop/region-choice.ts";
import type { Address } from "@/lib/shop/types.ts";
import { useOrder } from "@/lib/shop/use-order.ts";
import { CancelOrder } from "./cancel-order.tsx";
import { CartTotals } from "./cart-lines.tsx";
import { OrderStatusBadges, StatusPill, When } from "./order-status.tsx";
import { PushOptIn } from "./push-opt-in.tsx";
import { RequestReturn } from "./request-return.tsx";
import { SupportChat } from "./support-chat.tsx";
import { TestCardForm } from "./test-card-form.tsx";

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

/** Each shipment with its lines, carrier and tracking link, and whether it has arrived. */
function Shipments({ order }: { order: OrderView }) {
  if (order.shipments.length === 0) return null;
  return (
    <section aria-labelledby="shipments-heading">
      <h2 id="shipments-heading" className="text-lg font-semibold">
        {order.shipments.length === 1 ? "Shipment" : "Shipments"}
      </h2>
      <ol className="mt-3 space-y-3" data-testid="shipments">
        {order.shipments.map((s, i) => (
          <li key={s.id} className="rounded-xl border border-neutral-200 p-4 text-sm" data-testid="shipment">
            <p className="font-medium">
              {order.shipments.length > 1 ? `Parcel ${i + 1} · ` : null}
              {s.carrier} · tracking <TrackingLink shipment={s} />
            </p>
            <p className="mt-1 text-neutral-500">
              Shipped <When iso={s.shippedAt} />
              {s.deliveredAt ? (
                <>
                  {" "}
                  · delivered <When iso={s.deliveredAt} />
                </>
              ) : (
                " · on its way"
              )}
            </p>
            <ul className="mt-2 text-neutral-600">
              {s.lines.map((l) => (
                <li key={l.sku}>
                  {l.quantity} × {titleOf(order, l.sku)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The shopper's returns: number, status, lines and reason, the shop's note and the refund once issued. */
function Returns({ order, onPaid }: { order: OrderView; onPaid: () => void }) {
  if (order.returns.length === 0) return null;
  const currency = order.totals.currency;
  const toPay = shopperActions(order).payExchange;
  return (
    <section aria-labelledby="your-returns-heading">
      <h2 id="your-returns-heading" className="text-lg font-semibold">
        Your returns
      </h2>
      <ol className="mt-3 space-y-3" data-testid="returns">
        {order.returns.map((r) => (
          <li key={r.id} className="rounded-xl border border-neutral-200 p-4 text-sm" data-testid="return">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="font-medium">Return {r.number}</p>
              <StatusPill kind="return" status={r.status} />
            </div>
            <ul className="mt-2 text-neutral-600">
              {r.lines.map((l) => (
                <li key={l.sku}>
                  {l.quantity} × {titleOf(order, l.sku)} —{" "}
                  {(RETURN_REASON_LABELS as Record<string, string>)[l.reason] ?? l.reason}
                  {l.exchangeForSku ? ` · exchange for ${titleOf(order, l.exchangeForSku)} (${l.exchangeForSku})` : ""}
                </li>
              ))}
            </ul>
            {r.note ? <p className="mt-2 text-neutral-600">From the shop: {r.note}</p> : null}
            {r.refund ? (
              <p className="mt-2 font-medium" data-testid="return-refund">
                Refunded <Money amount={r.refund.amount} currency={currency} />
              </p>
            ) : null}
            {r.exchange && r.exchange.difference > 0 ? (
              <p className="mt-2 text-neutral-600">
                The new item costs <Money amount={r.exchange.difference} currency={currency} /> more
                {r.exchange.paidAt ? ": paid, thank you." : "."}
              </p>
            ) : null}
            {toPay.includes(r.id) && r.exchange?.paymentId && r.exchange.clientSecret ? (
              <div className="mt-3 rounded-xl border border-neutral-200 p-4" data-testid="pay-exchange">
                <p className="mb-3 font-medium">
                  Pay the difference of <Money amount={r.exchange.difference} currency={currency} />
                </p>
                <TestCardForm
                  payment={{ paymentId: r.exchange.paymentId, clientSecret: r.exchange.clientSecret }}
                  onSucceeded={onPaid}
                />
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * How much came back (#21): the sum of the order's refunds, each refund with its reason and day,
 * and, when the order has more than one payment (an exchange's difference paid), what each payment
 * had refunded (payments' `listForOrder`, which a signed-in owner may read; a guest sees the sum
 * and the list).
 */
function Refunded({ order, signedIn }: { order: OrderView; signedIn: boolean }) {
  const m = useMercato();
  const several = order.returns.some((r) => r.exchange?.paymentId);
  const payments = useQuery({
    ...m.payments.listForOrder.queryOptions({ orderId: order.id }),
    enabled: signedIn && several && order.refundedTotal > 0,
  });
  if (order.refundedTotal <= 0) return null;
  const currency = order.totals.currency;
  const perPayment = (payments.data ?? []).filter((p) => p.refundedTotal > 0);
  return (
    <div className="mt-3 space-y-2 border-t border-neutral-200 pt-3 text-sm" data-testid="order-refunds">
      <p className="flex justify-between font-medium" data-testid="order-refunded">
        <span>Refunded</span>
        <Money amount={order.refundedTotal} currency={currency} />
      </p>
      <p className="flex justify-between text-neutral-600" data-testid="order-net-paid">
        <span>Paid after refunds</span>
        <Money amount={Math.max(0, order.paidAmount - order.refundedTotal)} currency={currency} />
      </p>
      {order.refunds.length > 1 || order.giftCard ? (
        <ul className="space-y-1 text-neutral-600" aria-label="Refunds">
          {order.refunds.map((r) => (
            <li key={r.refundId} className="flex justify-between gap-3" data-testid="order-refund">
              <span>
                <When iso={r.at} />
                {/* An order a gift card paid for: its part went back onto the card, spendable again. */}
                {order.giftCard ? (r.to === "gift_card" ? " · to your gift card" : " · to your card") : null}
              </span>
              <Money amount={r.amount} currency={currency} />
            </li>
          ))}
        </ul>
      ) : null}
      {perPayment.length > 1 ? (
        <ul className="space-y-1 text-neutral-600" aria-label="Refunded per payment" data-testid="refunds-per-payment">
          {perPayment.map((p) => (
            <li key={p.id} className="flex justify-between gap-3">
              <span>{p.purpose === "exchange" ? "Exchange payment" : "Order payment"}</span>
              <Money amount={p.refundedTotal} currency={p.currency} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The confirmation and detail page of an order: status live, timeline, lines, totals, addresses. */
export function OrderDetail({ orderId }: { orderId: string }) {
  const { user } = useSession();
  const { order, ready } = useOrder(orderId);
  const data = order.data;
  if (!ready || order.isLoading) return <Spinner label="Loading your order" />;
  if (order.isError || !data) {
    return (
      <Empty title="We cannot show this order">
        {order.error ? `${errorMessage(order.error)} ` : null}
        {user ? (
          "It does not belong to this account."
        ) : (
          <>
            Open the link in your order email,{" "}
            <Link href="/order-lookup" className="text-brand-700 underline">
              get a new link
            </Link>{" "}
            with your order number and email, or{" "}
            <Link href={`/account/sign-in?next=/account/orders/${orderId}`} className="text-brand-700 underline">
              sign in
            </Link>
            .
          </>
        )}
      </Empty>
    );
  }
  const justPaid = data.paymentStatus === "PAID" && data.shipments.length === 0 && data.status !== "CANCELLED";
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight">Order {data.number}</h1>
          <p className="mt-1 text-sm text-neutral-500">
            Placed <When iso={data.placedAt} /> · {data.email}
          </p>
        </div>
        <OrderStatusBadges order={data} />
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
        {data.status === "PENDING" && !data.payment ? <Spinner label="Reserving your items" /> : null}
        {data.cancellation ? (
          <p className="rounded-xl bg-red-50 px-4 py-3 text-red-700">
            Cancelled: {cancelReasonLabel(data.cancellation.reason)}
          </p>
        ) : null}
      </div>

      <PushOptIn order={data} />
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
          <Shipments order={data} />
          <Returns order={data} onPaid={() => void order.refetch()} />
          <RequestReturn order={data} onRequested={() => void order.refetch()} />
          {shopperActions(data).cancel ? (
            <CancelOrder orderId={orderId} onCancelled={() => void order.refetch()} />
          ) : null}
          {user ? <SupportChat orderId={orderId} /> : null}
        </div>
        <aside className="space-y-6">
          <section aria-labelledby="timeline-heading" className="rounded-2xl border border-neutral-200 p-5">
            <h2 id="timeline-heading" className="text-lg font-semibold">
              Timeline
            </h2>
            <ol className="mt-4 space-y-4 border-l border-neutral-200 pl-4" data-testid="order-timeline">
              {orderTimeline(data).map((step) => (
                <li key={step.key} className="relative text-sm">
                  <span aria-hidden className="absolute top-1.5 -left-[1.3rem] h-2 w-2 rounded-full bg-brand-600" />
                  <p className="font-medium">
                    {step.label}
                    {step.amount !== undefined ? (
                      <>
                        {" "}
                        <Money amount={step.amount} currency={data.totals.currency} />
                      </>
                    ) : null}
                  </p>
                  <p className="text-neutral-500">
                    <When iso={step.at} />
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
            {data.giftCard ? (
              <dl className="mt-3 space-y-1 text-sm" data-testid="order-gift-card">
                <div className="flex justify-between">
                  <dt className="text-neutral-600">Gift card ending {data.giftCard.last4}</dt>
                  <dd>
                    <Money amount={data.giftCard.amount} currency={data.totals.currency} />
                  </dd>
                </div>
                <div className="flex justify-between">
                  <dt className="text-neutral-600">By card</dt>
                  <dd>
                    <Money amount={cardDue(data)} currency={data.totals.currency} />
                  </dd>
                </div>
              </dl>
            ) : null}
            <Refunded order={data} signedIn={Boolean(user)} />
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
