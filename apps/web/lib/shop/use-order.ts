"use client";
import { useMercatoClient } from "@mercato/client/react";
import type { OrderStatus } from "@mercato/orders/contract";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useSession } from "@/lib/session.tsx";
import { orderAccessToken } from "./order-access.ts";

export interface TimelineEntry {
  status: OrderStatus;
  at: string;
}

/**
 * An order the shopper may see (their own, or a guest's with the access token kept at checkout),
 * re-read whenever `orders.onStatus` reports a transition. The subscription starts from version
 * 0, so it also replays the whole history: that is the order's timeline.
 */
export function useOrder(orderId: string) {
  const client = useMercatoClient();
  const { user, loading: sessionLoading } = useSession();
  const [accessToken, setAccessToken] = useState<string | undefined>(undefined);
  const [ready, setReady] = useState(false);
  const [timeline, setTimeline] = useState<TimelineEntry[]>([]);

  // localStorage is only there in the browser.
  useEffect(() => {
    setAccessToken(orderAccessToken(orderId));
    setReady(true);
  }, [orderId]);

  const enabled = ready && !sessionLoading;
  const order = useQuery({
    queryKey: ["shop", "order", orderId, user?.id ?? "guest", accessToken ?? null],
    enabled,
    retry: false,
    queryFn: () => client.orders.byId.query({ orderId, ...(accessToken ? { accessToken } : {}) }),
  });
  const { refetch } = order;
  const found = order.isSuccess;

  useEffect(() => {
    if (!enabled || !found) return;
    setTimeline([]);
    const sub = client.orders.onStatus.subscribe(
      { orderId, lastEventId: "0", ...(accessToken ? { accessToken } : {}) },
      {
        onData: (tracked) => {
          const update = tracked.data;
          setTimeline((t) =>
            t.some((e) => e.status === update.status && e.at === update.at)
              ? t
              : [...t, { status: update.status, at: update.at }],
          );
          void refetch();
        },
        onError: () => undefined,
      },
    );
    return () => sub.unsubscribe();
  }, [client, orderId, accessToken, enabled, found, refetch]);

  return { order, timeline, accessToken, ready: enabled };
}
