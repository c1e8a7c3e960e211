"use client";
import { useMercato, useMercatoClient } from "@mercato/client/react";
import type { OrderFeedItem } from "@mercato/orders/contract";
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { OrderStatusBadges } from "@/components/orders/status-badges.tsx";
import { Money } from "@/components/ui/money.tsx";
import { formatDateTime } from "@/lib/admin/format.ts";

interface FeedItem {
  orderId: string;
  number: string;
  kind: OrderFeedItem["kind"];
  status: string;
  paymentStatus: string;
  fulfilmentStatus: string;
  previousStatus: string | null;
  email: string;
  total: number;
  currency: string;
  at: string;
  version: number;
}

const SHOWN = 12;

/**
 * New orders and status changes as orders.admin.onFeed announces them (SSE). Each change also
 * refreshes the dashboard's numbers, so the stats and this feed never disagree for long.
 */
export function LiveFeed() {
  const client = useMercatoClient();
  const m = useMercato();
  const queryClient = useQueryClient();
  const [items, setItems] = useState<FeedItem[]>([]);
  const [state, setState] = useState<"connecting" | "live" | "error">("connecting");

  useEffect(() => {
    const sub = client.orders.admin.onFeed.subscribe(undefined, {
      onStarted: () => setState("live"),
      onData: (change) => {
        setState("live");
        setItems((list) =>
          [change, ...list.filter((i) => !(i.orderId === change.orderId && i.version === change.version))].slice(
            0,
            SHOWN,
          ),
        );
        void queryClient.invalidateQueries(m.orders.admin.stats.pathFilter());
        void queryClient.invalidateQueries(m.orders.admin.list.pathFilter());
      },
      onError: () => setState("error"),
    });
    return () => sub.unsubscribe();
  }, [client, queryClient, m]);

  return (
    <div>
      <div className="mb-3 flex items-center gap-2 text-xs text-neutral-500" aria-live="polite">
        <span
          className={`h-2 w-2 rounded-full ${state === "live" ? "bg-emerald-500" : state === "error" ? "bg-red-500" : "bg-amber-400"}`}
        />
        {state === "live" ? "Live" : state === "error" ? "Disconnected, retrying" : "Connecting"}
      </div>
      {items.length === 0 ? (
        <p className="py-6 text-center text-sm text-neutral-500">New orders and status changes will appear here.</p>
      ) : (
        <ul className="divide-y divide-neutral-100" data-testid="live-feed">
          {items.map((item) => (
            <li key={`${item.orderId}-${item.version}`} className="flex items-center justify-between gap-3 py-2.5">
              <div className="min-w-0">
                <Link href={`/admin/orders/${item.orderId}`} className="font-medium text-brand-700 hover:underline">
                  {item.number}
                </Link>
                <span className="ml-2 text-xs text-neutral-500">
                  {item.kind === "placed" ? `New order from ${item.email}` : item.email}
                </span>
                <div className="text-xs text-neutral-400">{formatDateTime(item.at)}</div>
              </div>
              <div className="flex shrink-0 items-center gap-2">
                <Money amount={item.total} currency={item.currency} className="text-sm tabular-nums" />
                <OrderStatusBadges order={item} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
