"use client";
import { useMercato } from "@mercato/client/react";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Button } from "@/components/ui/button.tsx";
import { Money } from "@/components/ui/money.tsx";
import { Empty, ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { errorMessage } from "@/lib/shop/errors.ts";
import { OrderStatusBadges, When } from "./order-status.tsx";

/** The signed-in shopper's orders, newest first, a page at a time. */
export function OrderHistory() {
  const m = useMercato();
  const orders = useInfiniteQuery(
    m.orders.mine.infiniteQueryOptions(
      { limit: 10 },
      { initialCursor: undefined, getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  if (orders.isLoading) return <Spinner label="Loading your orders" />;
  if (orders.isError) return <ErrorNote>{errorMessage(orders.error)}</ErrorNote>;
  const items = orders.data?.pages.flatMap((p) => p.items) ?? [];
  if (items.length === 0) {
    return (
      <Empty title="No orders yet">
        <Link href="/" className="text-brand-700 underline">
          Start shopping
        </Link>
      </Empty>
    );
  }
  return (
    <div>
      <ul className="divide-y divide-neutral-200 rounded-2xl border border-neutral-200" data-testid="order-history">
        {items.map((o) => (
          <li key={o.id}>
            <Link
              href={`/account/orders/${o.id}`}
              className="flex flex-wrap items-center justify-between gap-3 px-5 py-4 hover:bg-neutral-50"
            >
              <span>
                <span className="font-medium">Order {o.number}</span>
                <span className="block text-sm text-neutral-500">
                  <When iso={o.placedAt} withTime={false} /> · {o.itemCount} {o.itemCount === 1 ? "item" : "items"}
                </span>
              </span>
              <span className="flex items-center gap-4">
                <OrderStatusBadges order={o} />
                <Money amount={o.total} currency={o.currency} className="font-medium" />
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {orders.hasNextPage ? (
        <div className="mt-6 text-center">
          <Button variant="secondary" onClick={() => orders.fetchNextPage()} disabled={orders.isFetchingNextPage}>
            {orders.isFetchingNextPage ? "Loading…" : "Show older orders"}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
