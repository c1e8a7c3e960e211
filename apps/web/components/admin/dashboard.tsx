"use client";
import { useMercato } from "@mercato/client/react";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { Money } from "@/components/ui/money.tsx";
import { ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { errorMessage } from "@/lib/admin/errors.ts";
import { statusLabel } from "@/lib/orders/status.ts";
import { LiveFeed } from "./live-feed.tsx";
import { Card } from "./page-header.tsx";
import { queryState } from "./query-state.tsx";
import { RevenueChart } from "./revenue-chart.tsx";
import { useAccess, useCan } from "./staff-access.tsx";

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="rounded-xl border border-neutral-200 bg-white p-5 shadow-sm">
      <div className="text-xs font-medium uppercase tracking-wide text-neutral-500">{label}</div>
      <div className="mt-2 text-2xl font-semibold tabular-nums">{children}</div>
    </div>
  );
}

export function Dashboard() {
  const m = useMercato();
  // Every currency the shop took money in: amounts in different currencies are never added up.
  // Each part only for a role that may read it (the server refuses the rest anyway).
  const access = useAccess();
  const canStats = useCan("analytics.read");
  const canStock = useCan("inventory.adjust");
  const canOrders = useCan("orders.read");
  const stats = useQuery({ ...m.orders.admin.stats.queryOptions({}), refetchInterval: 30_000, enabled: canStats });
  const low = useQuery({ ...m.inventory.admin.list.queryOptions({ lowOnly: true, limit: 8 }), enabled: canStock });
  const lowItems = low.data?.items ?? [];

  if (!canStats) {
    return (
      <div className="space-y-6">
        <p className="text-sm text-neutral-600">
          Signed in as <strong>{access.role}</strong>: the menu shows what your role may do.
        </p>
        {canOrders ? (
          <Card title="Live orders">
            <LiveFeed />
          </Card>
        ) : null}
      </div>
    );
  }

  if (stats.isError) return <ErrorNote>{errorMessage(stats.error)}</ErrorNote>;
  const s = stats.data;

  return (
    <div className="space-y-6">
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="Orders today">
          <span data-testid="orders-today">{s ? s.currencies.reduce((n, c) => n + c.today.orders, 0) : "…"}</span>
        </Stat>
        <Stat label="Placed, open">{s ? (s.byStatus.PLACED ?? 0) : "…"}</Stat>
        <Stat label="Pending payment">{s ? (s.byStatus.PENDING ?? 0) : "…"}</Stat>
        {s?.currencies.map((c) => (
          <Stat key={c.currency} label={`Revenue today · ${c.currency}`}>
            <span data-testid={`revenue-today-${c.currency}`}>
              <Money amount={c.today.revenue} currency={c.currency} />
            </span>
          </Stat>
        ))}
      </div>

      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 xl:grid-cols-3">
        <Card title="Revenue per currency" className="xl:col-span-2">
          {!s ? (
            <Spinner />
          ) : s.currencies.length === 0 ? (
            <p className="text-sm text-neutral-500">No revenue yet.</p>
          ) : (
            <div className="space-y-8">
              {s.currencies.map((c) => (
                <RevenueChart key={c.currency} series={c.revenueByDay} currency={c.currency} />
              ))}
            </div>
          )}
        </Card>
        <Card title="Orders by status">
          {s ? (
            <div className="space-y-4">
              {(
                [
                  ["status", "order", "Order", s.byStatus],
                  ["paymentStatus", "payment", "Payment", s.byPaymentStatus],
                  ["fulfilmentStatus", "fulfilment", "Fulfilment", s.byFulfilmentStatus],
                ] as const
              ).map(([param, kind, title, counts]) => (
                <div key={param}>
                  <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-neutral-500">{title}</h3>
                  <ul className="space-y-1 text-sm">
                    {Object.entries(counts as Record<string, number>).map(([value, n]) => (
                      <li key={value}>
                        <Link
                          href={`/admin/orders?${param}=${value}`}
                          className="flex items-center justify-between rounded-md px-2 py-1 hover:bg-neutral-50"
                        >
                          <span className="text-neutral-700">{statusLabel(kind, value).label}</span>
                          <span className="font-medium tabular-nums">{n}</span>
                        </Link>
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </div>
          ) : (
            <Spinner />
          )}
        </Card>
      </div>

      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 xl:grid-cols-3">
        <Card title="Live orders" className="xl:col-span-2">
          <LiveFeed />
        </Card>
        {canStock ? (
          <Card
            title="Low stock"
            actions={
              <Link href="/admin/inventory?low=1" className="text-xs font-medium text-brand-700 hover:underline">
                View all
              </Link>
            }
          >
            {queryState(low, {
              empty:
                lowItems.length === 0 ? (
                  <p className="text-sm text-neutral-500">Every SKU is above its threshold.</p>
                ) : undefined,
            }) ?? (
              <ul className="divide-y divide-neutral-100 text-sm">
                {lowItems.map((item) => (
                  <li key={item.sku} className="flex items-center justify-between py-2">
                    <Link
                      href={`/admin/inventory?sku=${encodeURIComponent(item.sku)}`}
                      className="font-mono text-xs text-brand-700 hover:underline"
                    >
                      {item.sku}
                    </Link>
                    <span className={`tabular-nums ${item.available <= 0 ? "text-red-600" : "text-amber-700"}`}>
                      {item.available} left
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        ) : null}
      </div>
    </div>
  );
}
