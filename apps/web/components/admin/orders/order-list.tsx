"use client";
import { useMercato } from "@mercato/client/react";
import { ORDER_STATUSES, type OrderStatus } from "@mercato/orders/contract";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { Field, Select } from "@/components/ui/field.tsx";
import { Money } from "@/components/ui/money.tsx";
import { Empty } from "@/components/ui/states.tsx";
import { formatDateTime, humanize } from "@/lib/admin/format.ts";
import { LoadMore, rowClass, Table, theadClass } from "../page-header.tsx";
import { queryState } from "../query-state.tsx";
import { StatusBadge } from "../status-badge.tsx";

export interface OrderFilters {
  status?: OrderStatus;
  customer?: string;
}

/** A date input's day as a UTC instant: the start of it (`from`) or its last millisecond (`to`). */
function dayBound(value: string, end: boolean): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const start = new Date(`${value}T00:00:00.000Z`);
  return end ? new Date(start.getTime() + 86_400_000 - 1) : start;
}

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
  const list = useInfiniteQuery(
    m.orders.admin.list.infiniteQueryOptions(
      {
        status: status || undefined,
        from: dayBound(from, false),
        to: dayBound(to, true),
        customer: email || undefined,
        q: text || undefined,
        limit: 25,
      },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="space-y-4">
      <form
        aria-label="Order filters"
        className={`grid gap-3 sm:grid-cols-2 ${fixedCustomer ? "lg:grid-cols-4" : "lg:grid-cols-5"}`}
        onSubmit={(e) => e.preventDefault()}
      >
        <Field
          label="Search"
          name="q"
          type="search"
          placeholder="Order number or email"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <Select
          label="Status"
          name="status"
          value={status}
          onChange={(e) => setStatus(e.target.value as OrderStatus | "")}
        >
          <option value="">Any status</option>
          {ORDER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {humanize(s)}
            </option>
          ))}
        </Select>
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
      </form>
      {queryState(list, {
        loading: "Loading orders",
        empty: items.length === 0 ? <Empty title="No orders match" /> : undefined,
      }) ?? (
        <>
          <Table label="Orders">
            <thead className={theadClass}>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Customer</th>
                <th scope="col">Status</th>
                <th scope="col" className="text-right">
                  Items
                </th>
                <th scope="col" className="text-right">
                  Total
                </th>
                <th scope="col">Placed</th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id} className={rowClass}>
                  <td>
                    <Link href={`/admin/orders/${o.id}`} className="font-medium text-brand-700 hover:underline">
                      {o.number}
                    </Link>
                  </td>
                  <td className="text-neutral-600">{o.email}</td>
                  <td>
                    <StatusBadge status={o.status} />
                  </td>
                  <td className="text-right tabular-nums">{o.itemCount}</td>
                  <td className="text-right tabular-nums">
                    <Money amount={o.total} currency={o.currency} />
                  </td>
                  <td className="whitespace-nowrap text-neutral-500">{formatDateTime(o.placedAt)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          <LoadMore list={list} />
        </>
      )}
    </div>
  );
}
