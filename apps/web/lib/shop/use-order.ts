"use client";
import { useMercatoClient } from "@mercato/client/react";
import type { FulfilmentStatus, OrderStatus, PaymentStatus } from "@mercato/orders/contract";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useSession } from "@/lib/session.tsx";
import { adoptOrderAccess } from "./order-access.ts";

/** One transition of the order: its three statuses after it, and when. */
export interface TimelineEntry {
  version: number;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  fulfilmentStatus: FulfilmentStatus;
  at: string;
}

/**
 * An order the shopper may see (their own, or a guest's: the access token rides in an HttpOnly
 * cookie the proxy sends as a header, so nothing here holds it), re-read whenever
 * `orders.onStatus` reports a transition. The subscription starts from version 0, so it also
 * replays the whole history: that is the order's timeline.
 */
export function useOrder(orderId: string) {
  const client = useMercatoClient();
  const { user, loading: sessionLoading } = useSession();
  const [ready, setReady] = useState(false);
  const [timeline, setTimeline] = useState<TimelineEntry[]>([]);

  // A token in the link's fragment (or old localStorage) becomes the cookie before the first read.
  useEffect(() => {
    let cancelled = false;
    setReady(false);
    void adoptOrderAccess(orderId).finally(() => !cancelled && setReady(true));
    return () => {
      cancelled = true;
    };
  }, [orderId]);

  const enabled = ready && !sessionLoading;
  const order = useQuery({
    queryKey: ["shop", "order", orderId, user?.id ?? "guest"],
    enabled,
    retry: false,
    queryFn: () => client.orders.byId.query({ orderId }),
  });
  const { refetch } = order;
  const found = order.isSuccess;

  useEffect(() => {
    if (!enabled || !found) return;
    setTimeline([]);
    const sub = client.orders.onStatus.subscribe(
      { orderId, lastEventId: "0" },
      {
        onData: (tracked) => {
          const update = tracked.data;
          setTimeline((t) =>
            t.some((e) => e.version === update.version)
              ? t
              : [
                  ...t,
                  {
                    version: update.version,
                    status: update.status,
                    paymentStatus: update.paymentStatus,
                    fulfilmentStatus: update.fulfilmentStatus,
                    at: update.at,
                  },
                ].sort((a, b) => a.version - b.version),
          );
          void refetch();
        },
        onError: () => undefined,
      },
    );
    return () => sub.unsubscribe();
  }, [client, orderId, enabled, found, refetch]);

  return { order, timeline, ready: enabled };
}
