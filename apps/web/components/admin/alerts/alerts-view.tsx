"use client";
import { useMercato } from "@mercato/client/react";
import type { Alert } from "@mercato/notifications/contract";
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Badge, Empty, ErrorNote } from "@/components/ui/states.tsx";
import { errorMessage } from "@/lib/admin/errors.ts";
import { formatDateTime, humanize } from "@/lib/admin/format.ts";
import { useRefresh } from "@/lib/admin/use-submit.ts";
import { byCursor, PagedTable } from "../data-table.tsx";

/** Where an alert's subject leads: the SKU's stock, the order, or nowhere (payments, dead letters). */
function subjectLink(a: Alert) {
  if (a.kind === "low_stock") return `/admin/inventory?sku=${encodeURIComponent(a.subject)}`;
  if (a.kind === "stuck_order") return `/admin/orders/${encodeURIComponent(a.subject)}`;
  return null;
}

const TONES: Record<Alert["kind"], "amber" | "red"> = {
  low_stock: "amber",
  payment_failure_spike: "red",
  stuck_order: "amber",
  dead_lettered: "red",
};

/** Every alert, newest first; unread ones can be acknowledged one by one or all at once. */
export function AlertsView() {
  const m = useMercato();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = useInfiniteQuery(m.notifications.alerts.list.infiniteQueryOptions({ unreadOnly, limit: 50 }, byCursor));
  const refresh = useRefresh(m.notifications.alerts.pathFilter());
  const ack = useMutation(m.notifications.alerts.acknowledge.mutationOptions());
  const ackAll = useMutation(m.notifications.alerts.acknowledgeAll.mutationOptions());
  const unread = list.data?.pages[0]?.unread ?? 0;

  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
      await refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="h-4 w-4 accent-brand-600"
            checked={unreadOnly}
            onChange={(e) => setUnreadOnly(e.target.checked)}
          />
          Unread only
        </label>
        <div className="flex items-center gap-3">
          <span className="text-sm text-neutral-600" data-testid="alerts-unread" aria-live="polite">
            {unread} unread
          </span>
          <Button
            variant="secondary"
            disabled={unread === 0 || ackAll.isPending}
            onClick={() => run(() => ackAll.mutateAsync())}
          >
            Acknowledge all
          </Button>
        </div>
      </div>
      {error ? <ErrorNote>{error}</ErrorNote> : null}
      <PagedTable
        list={list}
        loading="Loading alerts"
        empty={
          <Empty title="No alerts">Low stock, payment failures, stuck orders and dead letters show up here.</Empty>
        }
        label="Alerts"
        rowKey={(a) => a.id}
        rowClassName={(a) => (a.acknowledgedAt ? "" : "bg-amber-50/60")}
        columns={[
          {
            header: "Alert",
            cell: (a) => {
              const href = subjectLink(a);
              return (
                <div className="min-w-56" data-testid="alert-row" data-kind={a.kind}>
                  <Badge tone={TONES[a.kind]}>{humanize(a.kind)}</Badge>{" "}
                  {href ? (
                    <Link href={href} className="font-mono text-xs font-medium text-brand-700 hover:underline">
                      {a.subject}
                    </Link>
                  ) : (
                    <span className="font-mono text-xs">{a.subject}</span>
                  )}
                  <p className="mt-1 max-w-xl break-words text-sm text-neutral-700">{a.message}</p>
                </div>
              );
            },
          },
          { header: "When", className: "whitespace-nowrap text-neutral-500", cell: (a) => formatDateTime(a.createdAt) },
          {
            header: "Acknowledged",
            className: "text-neutral-500",
            cell: (a) =>
              a.acknowledgedAt ? (
                <span className="text-xs">
                  {a.acknowledgedBy} · {formatDateTime(a.acknowledgedAt)}
                </span>
              ) : (
                <Button
                  variant="secondary"
                  className="px-3 py-1 text-xs"
                  disabled={ack.isPending}
                  onClick={() => run(() => ack.mutateAsync({ id: a.id }))}
                  aria-label={`Acknowledge ${humanize(a.kind)} ${a.subject}`}
                >
                  Acknowledge
                </Button>
              ),
          },
        ]}
      />
    </div>
  );
}
