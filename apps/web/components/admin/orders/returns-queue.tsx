"use client";
import { useMercato } from "@mercato/client/react";
import { RETURN_STATUSES, type ReturnStatus } from "@mercato/orders/contract";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useDeferredValue, useEffect, useState } from "react";
import { StatusPill } from "@/components/orders/status-badges.tsx";
import { Empty } from "@/components/ui/states.tsx";
import { formatDateTime } from "@/lib/admin/format.ts";
import { statusOptions } from "@/lib/orders/status.ts";
import { byCursor, FilterBar, PagedTable, SearchFilter, StatusFilter } from "../data-table.tsx";

const STATUS_OPTIONS = statusOptions("return", RETURN_STATUSES);

/**
 * The returns queue: every return, newest first, keyset-paged by the orders service, filtered by
 * status (kept in the URL) and by text (return number, order number or email). Each row links to
 * its order, where the return is approved, rejected and received.
 */
export function ReturnsQueue({ initial }: { initial: { status?: ReturnStatus; q?: string } }) {
  const m = useMercato();
  const router = useRouter();
  const pathname = usePathname();
  const [status, setStatus] = useState<ReturnStatus | "">(initial.status ?? "");
  const [q, setQ] = useState(initial.q ?? "");
  const text = useDeferredValue(q.trim());

  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    if (status) params.set("status", status);
    else params.delete("status");
    if (text) params.set("q", text);
    else params.delete("q");
    const next = params.toString();
    if (next !== window.location.search.replace(/^\?/, "")) {
      router.replace(`${pathname}${next ? `?${next}` : ""}`, { scroll: false });
    }
  }, [status, text, pathname, router]);

  const list = useInfiniteQuery(
    m.orders.admin.returns.list.infiniteQueryOptions(
      { status: status || undefined, q: text || undefined, limit: 25 },
      byCursor,
    ),
  );

  return (
    <div className="space-y-4">
      <FilterBar label="Return filters" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <SearchFilter placeholder="Return or order number, email" value={q} onChange={setQ} />
        <StatusFilter options={STATUS_OPTIONS} value={status} onChange={setStatus} />
      </FilterBar>
      <PagedTable
        list={list}
        loading="Loading returns"
        empty={<Empty title="No returns match" />}
        label="Returns"
        rowKey={(r) => r.returnId}
        columns={[
          {
            header: "Return",
            cell: (r) => (
              <Link href={`/admin/orders/${r.orderId}`} className="font-medium text-brand-700 hover:underline">
                {r.number}
              </Link>
            ),
          },
          {
            header: "Order",
            cell: (r) => (
              <Link href={`/admin/orders/${r.orderId}`} className="text-brand-700 hover:underline">
                {r.orderNumber}
              </Link>
            ),
          },
          { header: "Customer", className: "text-neutral-600", cell: (r) => r.email },
          { header: "Status", cell: (r) => <StatusPill kind="return" status={r.status} /> },
          { header: "Units", numeric: true, cell: (r) => r.itemCount },
          { header: "Kind", className: "text-neutral-600", cell: (r) => (r.exchange ? "Exchange" : "Refund") },
          {
            header: "Requested",
            className: "whitespace-nowrap text-neutral-500",
            cell: (r) => formatDateTime(r.requestedAt),
          },
        ]}
      />
    </div>
  );
}
