"use client";
import { useMercato } from "@mercato/client/react";
import { ORDER_STATUSES, type OrderStatus } from "@mercato/orders/contract";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { Field } from "@/components/ui/field.tsx";
import { Money } from "@/components/ui/money.tsx";
import { Empty } from "@/components/ui/states.tsx";
import { formatDateTime, humanize } from "@/lib/admin/format.ts";
import { dayAfter, dayStart } from "@/lib/admin/utc-days.ts";
import { byCursor, FilterBar, PagedTable, SearchFilter, StatusFilter } from "../data-table.tsx";
import { StatusBadge } from "../status-badge.tsx";

export interface OrderFilters {
  status?: OrderStatus;
  customer?: string;
}

const STATUS_OPTIONS = ORDER_STATUSES.map((s) => [s, humanize(s)] as const);

/** Orders, newest first, filtered by status, placed date (UTC days), customer email and text. */
export function OrderList({ initial, fixedCustomer }: { initial: OrderFilters; fixedCustomer?: boolean }) {
  const m = useMercato();
  const [status, setStatus] = useState<OrderStatus | "">(initial.status ?? "");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [customer, setCustomer] = useState(initial.customer ?? "");
  const [q, setQ] = useState("");
  const text = useDeferredValue(q.trim());
  const email = useDeferredValue(customer.trim());
  const last = dayAfter(to);
  const list = useInfiniteQuery(
    m.orders.admin.list.infiniteQueryOptions(
      {
        status: status || undefined,
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
        className={`grid gap-3 sm:grid-cols-2 ${fixedCustomer ? "lg:grid-cols-4" : "lg:grid-cols-5"}`}
      >
        <SearchFilter placeholder="Order number or email" value={q} onChange={setQ} />
        <StatusFilter options={STATUS_OPTIONS} value={status} onChange={setStatus} />
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
          { header: "Status", cell: (o) => <StatusBadge status={o.status} /> },
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
