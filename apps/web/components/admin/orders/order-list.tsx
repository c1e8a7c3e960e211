"use client";
import { useMercato } from "@mercato/client/react";
import {
  FULFILMENT_STATUSES,
  type FulfilmentStatus,
  ORDER_STATUSES,
  type OrderStatus,
  PAYMENT_STATUSES,
  type PaymentStatus,
} from "@mercato/orders/contract";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useDeferredValue, useEffect, useState } from "react";
import { OrderStatusBadges } from "@/components/orders/status-badges.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Money } from "@/components/ui/money.tsx";
import { Empty } from "@/components/ui/states.tsx";
import { formatDateTime } from "@/lib/admin/format.ts";
import { dayAfter, dayStart } from "@/lib/admin/utc-days.ts";
import { statusOptions } from "@/lib/orders/status.ts";
import { byCursor, ChoiceFilter, FilterBar, PagedTable, SearchFilter } from "../data-table.tsx";

export interface OrderFilters {
  status?: OrderStatus;
  paymentStatus?: PaymentStatus;
  fulfilmentStatus?: FulfilmentStatus;
  customer?: string;
}

const STATUS_OPTIONS = statusOptions("order", ORDER_STATUSES);
const PAYMENT_OPTIONS = statusOptions("payment", PAYMENT_STATUSES);
const FULFILMENT_OPTIONS = statusOptions("fulfilment", FULFILMENT_STATUSES);

/**
 * Orders, newest first, filtered by each of the three statuses, placed date (UTC days), customer
 * email and text. The status filters live in the URL (`?status=&paymentStatus=&fulfilmentStatus=`),
 * so a filtered list can be linked to and survives a reload.
 */
export function OrderList({ initial, fixedCustomer }: { initial: OrderFilters; fixedCustomer?: boolean }) {
  const m = useMercato();
  const router = useRouter();
  const pathname = usePathname();
  const [status, setStatus] = useState<OrderStatus | "">(initial.status ?? "");
  const [paymentStatus, setPaymentStatus] = useState<PaymentStatus | "">(initial.paymentStatus ?? "");
  const [fulfilmentStatus, setFulfilmentStatus] = useState<FulfilmentStatus | "">(initial.fulfilmentStatus ?? "");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [customer, setCustomer] = useState(initial.customer ?? "");
  const [q, setQ] = useState("");
  const text = useDeferredValue(q.trim());
  const email = useDeferredValue(customer.trim());
  const last = dayAfter(to);

  // The status filters are kept in the address bar (replace: the back button leaves the list).
  useEffect(() => {
    if (fixedCustomer) return;
    const params = new URLSearchParams(window.location.search);
    const entries = { status, paymentStatus, fulfilmentStatus } as const;
    for (const [key, value] of Object.entries(entries)) {
      if (value) params.set(key, value);
      else params.delete(key);
    }
    const next = params.toString();
    if (next !== window.location.search.replace(/^\?/, "")) {
      router.replace(`${pathname}${next ? `?${next}` : ""}`, { scroll: false });
    }
  }, [status, paymentStatus, fulfilmentStatus, fixedCustomer, pathname, router]);

  const list = useInfiniteQuery(
    m.orders.admin.list.infiniteQueryOptions(
      {
        status: status || undefined,
        paymentStatus: paymentStatus || undefined,
        fulfilmentStatus: fulfilmentStatus || undefined,
        from: dayStart(from),
        // The range includes its last day: up to the last millisecond before the next.
        to: last && new Date(last.getTime() - 1),
        customer: email || undefined,
        q: text || undefined,
        limit: 25,
      },
      byCursor,
    ),
  );

  return (
    <div className="space-y-4">
      <FilterBar
        label="Order filters"
        className={`grid gap-3 sm:grid-cols-2 lg:grid-cols-4 ${fixedCustomer ? "xl:grid-cols-6" : "xl:grid-cols-7"}`}
      >
        <SearchFilter placeholder="Order number or email" value={q} onChange={setQ} />
        <ChoiceFilter
          label="Status"
          name="status"
          any="Any status"
          options={STATUS_OPTIONS}
          value={status}
          onChange={setStatus}
        />
        <ChoiceFilter
          label="Payment"
          name="paymentStatus"
          any="Any payment"
          options={PAYMENT_OPTIONS}
          value={paymentStatus}
          onChange={setPaymentStatus}
        />
        <ChoiceFilter
          label="Fulfilment"
          name="fulfilmentStatus"
          any="Any fulfilment"
          options={FULFILMENT_OPTIONS}
          value={fulfilmentStatus}
          onChange={setFulfilmentStatus}
        />
        <Field label="Placed from" name="from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <Field label="Placed to" name="to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        {fixedCustomer ? null : (
          <Field
            label="Customer email"
            name="customer"
            type="email"
            value={customer}
            onChange={(e) => setCustomer(e.target.value)}
          />
        )}
      </FilterBar>
      <PagedTable
        list={list}
        loading="Loading orders"
        empty={<Empty title="No orders match" />}
        label="Orders"
        rowKey={(o) => o.id}
        columns={[
          {
            header: "Order",
            cell: (o) => (
              <Link href={`/admin/orders/${o.id}`} className="font-medium text-brand-700 hover:underline">
                {o.number}
              </Link>
            ),
          },
          { header: "Customer", className: "text-neutral-600", cell: (o) => o.email },
          { header: "Status", cell: (o) => <OrderStatusBadges order={o} /> },
          { header: "Items", numeric: true, cell: (o) => o.itemCount },
          { header: "Total", numeric: true, cell: (o) => <Money amount={o.total} currency={o.currency} /> },
          {
            header: "Placed",
            className: "whitespace-nowrap text-neutral-500",
            cell: (o) => formatDateTime(o.placedAt),
          },
        ]}
      />
    </div>
  );
}
