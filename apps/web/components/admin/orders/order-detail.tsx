"use client";
import { useMercato } from "@mercato/client/react";
import { cancelReasonLabel, type OrderTotals, type OrderView } from "@mercato/orders/contract";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Fragment } from "react";
import { OrderStatusBadges } from "@/components/orders/status-badges.tsx";
import { Money } from "@/components/ui/money.tsx";
import { ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { addressLines, type PostalAddress } from "@/lib/address.ts";
import { errorCode, errorMessage } from "@/lib/admin/errors.ts";
import { formatDateTime, humanize } from "@/lib/admin/format.ts";
import { lineProgress } from "@/lib/orders/actions.ts";
import { eventFacts, eventTitle } from "@/lib/orders/lines.ts";
import { Card, PageHeader } from "../page-header.tsx";
import { StatusBadge } from "../status-badge.tsx";
import { OrderActionsPanel } from "./order-actions-panel.tsx";
import { OrderDocuments } from "./order-documents.tsx";
import { ReturnsCard } from "./returns-card.tsx";
import { ShipmentsCard } from "./shipments-card.tsx";

function AddressBlock({ title, address }: { title: string; address: PostalAddress | null | undefined }) {
  return (
    <div>
      <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-neutral-500">{title}</h3>
      {address ? (
        <address className="text-sm not-italic leading-relaxed">
          {addressLines(address, { phone: true }).map((line, i) => (
            <Fragment key={line}>
              {i > 0 ? <br /> : null}
              {line}
            </Fragment>
          ))}
        </address>
      ) : (
        <p className="text-sm text-neutral-500">Same as shipping</p>
      )}
    </div>
  );
}

/** One line of the order's money: its label and amount (the total stands out, a discount is subtracted). */
function AmountRow({
  label,
  amount,
  currency,
  minus,
  total,
  testId,
}: {
  label: string;
  amount: number;
  currency: string;
  minus?: boolean;
  total?: boolean;
  testId?: string;
}) {
  return (
    <>
      <dt className={total ? "border-t border-neutral-200 pt-1 font-medium" : "text-neutral-500"}>{label}</dt>
      <dd
        className={`text-right tabular-nums ${total ? "border-t border-neutral-200 pt-1 font-semibold" : ""}`}
        data-testid={testId}
      >
        {minus ? "−" : null}
        <Money amount={amount} currency={currency} />
      </dd>
    </>
  );
}

/** The order's tax, one row per rate ("VAT 20%"), or one "Tax" row for orders placed before tax lines. */
function TaxRows({ totals }: { totals: OrderTotals }) {
  const { currency, taxInclusive, taxLines } = totals;
  const prefix = taxInclusive ? "incl. " : "";
  if (taxLines.length === 0) return <AmountRow label={`${prefix}Tax`} amount={totals.tax} currency={currency} />;
  return (
    <>
      {taxLines.map((line) => (
        <AmountRow
          key={`${line.name}-${line.rateBps}`}
          label={`${prefix}${line.name}`}
          amount={line.amount}
          currency={currency}
          testId="tax-line"
        />
      ))}
    </>
  );
}

/** How the order ships: the option the shopper chose, its price and tax, the estimate and the region. */
function ShippingCard({ order }: { order: OrderView }) {
  const method = order.shippingMethod;
  const currency = order.totals.currency;
  return (
    <Card title="Shipping method">
      {method ? (
        <dl className="grid grid-cols-2 gap-y-1 text-sm" data-testid="shipping-method">
          <dt className="text-neutral-500">Option</dt>
          <dd className="text-right font-medium">
            {method.name}
            {/* The speed, unless the option is named after it ("Express"). */}
            {method.name.toLowerCase() === method.speed ? null : (
              <span className="font-normal text-neutral-500"> ({humanize(method.speed)})</span>
            )}
          </dd>
          <dt className="text-neutral-500">Price</dt>
          <dd className="text-right tabular-nums">
            <Money amount={method.amount} currency={currency} />
          </dd>
          <dt className="text-neutral-500">{order.totals.taxInclusive ? "Tax inside" : "Tax"}</dt>
          <dd className="text-right tabular-nums">
            <Money amount={method.tax} currency={currency} />
          </dd>
          <dt className="text-neutral-500">Delivery</dt>
          <dd className="text-right">
            {method.minDays === method.maxDays ? method.minDays : `${method.minDays}–${method.maxDays}`} working days
          </dd>
          <dt className="text-neutral-500">Region</dt>
          <dd className="text-right">
            {order.regionId ? (
              <Link className="text-brand-700 underline" href={`/admin/regions/${order.regionId}`}>
                {order.regionId}
              </Link>
            ) : (
              "—"
            )}{" "}
            · {currency}
          </dd>
        </dl>
      ) : (
        <p className="text-sm text-neutral-500">No shipping method recorded: the order was placed before regions.</p>
      )}
    </Card>
  );
}

/** The amount an event moved, when its data names one (refunds, payments, exchanges). */
function eventAmount(data: Record<string, unknown>): number | null {
  for (const key of ["amount", "refundAmount", "difference"]) {
    if (typeof data[key] === "number") return data[key] as number;
  }
  return null;
}

function PaymentCard({ orderId }: { orderId: string }) {
  const m = useMercato();
  const payment = useQuery({ ...m.payments.admin.byOrder.queryOptions({ orderId }), retry: false });
  return (
    <Card title="Payment">
      {payment.isError ? (
        errorCode(payment.error) === "NOT_FOUND" ? (
          <p className="text-sm text-neutral-500">No payment yet.</p>
        ) : (
          <ErrorNote>{errorMessage(payment.error)}</ErrorNote>
        )
      ) : !payment.data ? (
        <Spinner />
      ) : (
        <div className="space-y-3 text-sm" data-testid="payment">
          <div className="flex items-center justify-between">
            <span className="text-neutral-600">{humanize(payment.data.provider)}</span>
            <StatusBadge status={payment.data.status} />
          </div>
          <dl className="grid grid-cols-2 gap-y-1">
            <dt className="text-neutral-500">Amount</dt>
            <dd className="text-right tabular-nums">
              <Money amount={payment.data.amount} currency={payment.data.currency} />
            </dd>
            <dt className="text-neutral-500">Refunded</dt>
            <dd className="text-right tabular-nums" data-testid="payment-refunded">
              <Money amount={payment.data.refundedTotal} currency={payment.data.currency} />
            </dd>
            <dt className="text-neutral-500">Attempts</dt>
            <dd className="text-right tabular-nums">{payment.data.attempts}</dd>
          </dl>
          {payment.data.failureMessage ? <p className="text-xs text-red-600">{payment.data.failureMessage}</p> : null}
          {payment.data.refunds.length > 0 ? (
            <div>
              <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-neutral-500">Refunds</h3>
              <ul className="divide-y divide-neutral-100">
                {payment.data.refunds.map((r) => (
                  <li key={r.id} className="flex justify-between gap-2 py-1.5">
                    <span className="min-w-0 truncate" title={r.reason}>
                      {r.reason}
                      <span className="block text-xs text-neutral-500">
                        {formatDateTime(r.createdAt)} · {humanize(r.status)}
                      </span>
                    </span>
                    <Money amount={r.amount} currency={payment.data.currency} className="tabular-nums" />
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      )}
    </Card>
  );
}

export function OrderDetail({ orderId }: { orderId: string }) {
  const m = useMercato();
  const result = useQuery(m.orders.admin.byId.queryOptions({ orderId }));
  if (result.isError) return <ErrorNote>{errorMessage(result.error)}</ErrorNote>;
  if (!result.data) return <Spinner label="Loading order" />;
  const { order, timeline } = result.data;
  const t = order.totals;
  const currency = t.currency;

  return (
    <>
      <PageHeader
        title={`Order ${order.number}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <OrderStatusBadges order={order} />
            <span>Placed {formatDateTime(order.placedAt)} by</span>
            <Link
              className="text-brand-700 hover:underline"
              href={`/admin/orders?customer=${encodeURIComponent(order.email)}`}
            >
              {order.email}
            </Link>
          </span>
        }
        actions={<OrderDocuments orderId={order.id} />}
      />
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-6">
          <Card title="Actions">
            <OrderActionsPanel order={order} />
            {order.cancellation ? (
              <p className="mt-4 text-sm text-red-700">
                Cancelled by {order.cancellation.by}: {cancelReasonLabel(order.cancellation.reason)}
              </p>
            ) : null}
          </Card>
          <ShipmentsCard order={order} />
          <ReturnsCard order={order} />
          <Card title="Lines">
            <table aria-label="Order lines" className="w-full text-sm [&_td]:py-2">
              <tbody>
                {order.lines.map((line) => (
                  <tr key={line.sku} className="border-b border-neutral-100 last:border-0">
                    <td>
                      <div className="font-medium">{line.title}</div>
                      <div className="font-mono text-xs text-neutral-500">{line.sku}</div>
                      {line.priceList ? (
                        <div className="text-xs text-neutral-600">Price list: {line.priceList.name}</div>
                      ) : null}
                      {lineProgress(order, line.sku) ? (
                        <div className="text-xs text-neutral-500">{lineProgress(order, line.sku)}</div>
                      ) : null}
                    </td>
                    <td className="text-right tabular-nums text-neutral-600">
                      {line.quantity} × <Money amount={line.unitPrice} currency={currency} />
                    </td>
                    <td className="w-28 text-right tabular-nums">
                      <Money amount={line.unitPrice * line.quantity} currency={currency} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <dl className="mt-4 ml-auto grid max-w-xs grid-cols-2 gap-y-1 text-sm">
              <AmountRow label="Subtotal" amount={t.subtotal} currency={currency} />
              {t.discount > 0 ? (
                <AmountRow
                  label={`Discount${order.discountCode ? ` (${order.discountCode})` : ""}`}
                  amount={t.discount}
                  currency={currency}
                  minus
                />
              ) : null}
              <AmountRow
                label={order.shippingMethod ? `Shipping (${order.shippingMethod.name})` : "Shipping"}
                amount={t.shipping}
                currency={currency}
              />
              {t.taxInclusive ? null : <TaxRows totals={t} />}
              <AmountRow label="Total" amount={t.total} currency={currency} total />
              {/* In inclusive regions the tax is inside the total: shown under it, not added to it. */}
              {t.taxInclusive ? <TaxRows totals={t} /> : null}
              {order.giftCard ? (
                <AmountRow
                  label={`Gift card (…${order.giftCard.last4})`}
                  amount={order.giftCard.amount}
                  currency={currency}
                />
              ) : null}
              <AmountRow label="Paid" amount={order.paidAmount} currency={currency} />
              <AmountRow label="Refunded" amount={order.refundedTotal} currency={currency} testId="order-refunded" />
            </dl>
          </Card>
          <Card title="Timeline: payments, shipments, returns and refunds">
            <ol className="relative space-y-4 border-l border-neutral-200 pl-5" data-testid="timeline">
              {timeline.map((event) => (
                <li key={event.version} className="relative" data-event-type={event.type}>
                  <span className="absolute -left-[1.6rem] top-1 h-2.5 w-2.5 rounded-full border-2 border-white bg-brand-500 ring-1 ring-brand-200" />
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <span className="text-sm font-medium">
                      {eventTitle(event.type)}
                      {eventAmount(event.data) !== null ? (
                        <>
                          {" "}
                          · <Money amount={eventAmount(event.data) ?? 0} currency={currency} />
                        </>
                      ) : null}
                    </span>
                    <time className="text-xs text-neutral-500" dateTime={String(event.occurredAt)}>
                      {formatDateTime(event.occurredAt)}
                    </time>
                  </div>
                  {eventFacts(event.data).length > 0 ? (
                    <p className="text-xs text-neutral-600">{eventFacts(event.data).join(" · ")}</p>
                  ) : null}
                  <details className="mt-1 text-xs">
                    <summary className="cursor-pointer text-neutral-500 hover:text-neutral-700">Data</summary>
                    <pre className="mt-1 max-h-64 overflow-auto rounded bg-neutral-50 p-2 text-[11px]">
                      {JSON.stringify(event.data, null, 2)}
                    </pre>
                  </details>
                </li>
              ))}
            </ol>
          </Card>
        </div>
        <div className="space-y-6">
          <PaymentCard orderId={orderId} />
          <ShippingCard order={order} />
          <Card title="Addresses">
            <div className="space-y-4">
              <AddressBlock title="Shipping" address={order.shippingAddress} />
              <AddressBlock title="Billing" address={order.billingAddress} />
            </div>
          </Card>
          {order.refunds.length > 0 ? (
            <Card title="Refunds on the order">
              <ul className="divide-y divide-neutral-100 text-sm">
                {order.refunds.map((r) => (
                  <li key={r.refundId} className="flex justify-between gap-2 py-1.5" data-testid="order-refund">
                    <span>
                      {r.reason}
                      <span className="text-neutral-500">
                        {r.to === "gift_card" ? " · to the gift card" : " · to the card payment"}
                      </span>
                    </span>
                    <Money amount={r.amount} currency={currency} className="tabular-nums" />
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
