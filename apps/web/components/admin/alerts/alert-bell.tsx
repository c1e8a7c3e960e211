"use client";
import { useMercato, useMercatoClient } from "@mercato/client/react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";

const BELL_INPUT = { limit: 1, unreadOnly: true };

/**
 * The admin header's bell (#22): the unread alert count, kept live by `notifications.alerts.onAlert`
 * (SSE). Each alert the stream brings refreshes every alert query on screen (the list too).
 */
export function AlertBell() {
  const m = useMercato();
  const client = useMercatoClient();
  const queryClient = useQueryClient();
  const unread = useQuery(m.notifications.alerts.list.queryOptions(BELL_INPUT));
  const key = useMemo(() => m.notifications.alerts.list.queryKey(BELL_INPUT), [m]);
  // Whether the stream is open: until it is, an alert raised now would not move the count.
  const [live, setLive] = useState(false);

  useEffect(() => {
    const sub = client.notifications.alerts.onAlert.subscribe(undefined, {
      onStarted: () => setLive(true),
      onData: (item) => {
        // The count at once, from the stream; then every alert query on screen (the list) re-reads.
        queryClient.setQueryData(key, (old) => (old ? { ...old, unread: item.unread } : old));
        if (item.alert) void queryClient.invalidateQueries(m.notifications.alerts.pathFilter());
      },
    });
    return () => {
      setLive(false);
      sub.unsubscribe();
    };
  }, [client, queryClient, m, key]);

  const shown = unread.data?.unread ?? 0;
  return (
    <Link
      href="/admin/alerts"
      className="relative inline-flex h-9 w-9 items-center justify-center rounded-lg border border-neutral-300 bg-white text-neutral-700 hover:bg-neutral-50"
      aria-label={shown === 0 ? "Alerts, none unread" : `Alerts, ${shown} unread`}
      data-testid="alert-bell"
      data-live={live && unread.isSuccess ? "true" : "false"}
    >
      <svg aria-hidden viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" strokeLinecap="round" strokeLinejoin="round" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" />
      </svg>
      {shown > 0 ? (
        <span
          className="absolute -top-1.5 -right-1.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-[11px] font-semibold leading-5 text-white"
          data-testid="alert-count"
        >
          {shown > 99 ? "99+" : shown}
        </span>
      ) : null}
    </Link>
  );
}
