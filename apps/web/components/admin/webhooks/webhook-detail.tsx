"use client";
import { useMercato } from "@mercato/client/react";
import type { WebhookDelivery, WebhookDeliveryStatus } from "@mercato/notifications/contract";
import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Badge, Empty, ErrorNote } from "@/components/ui/states.tsx";
import { errorMessage } from "@/lib/admin/errors.ts";
import { formatDateTime } from "@/lib/admin/format.ts";
import { useRefresh, useSubmit } from "@/lib/admin/use-submit.ts";
import { byCursor, PagedTable } from "../data-table.tsx";
import { Card, PageHeader } from "../page-header.tsx";
import { queryState } from "../query-state.tsx";
import { draftOfEndpoint, EndpointForm, SecretNotice } from "./endpoint-form.tsx";

const TONES: Record<WebhookDeliveryStatus, "amber" | "green" | "red"> = {
  pending: "amber",
  succeeded: "green",
  failed: "red",
};

/** A delivery's attempt log (newest first) and the exact body sent. */
function DeliveryLog({ id }: { id: string }) {
  const m = useMercato();
  const detail = useQuery(m.notifications.webhooks.delivery.queryOptions({ id }));
  return (
    queryState(detail, { loading: "Loading the delivery log" }) ?? (
      <div className="space-y-2 text-xs" data-testid="webhook-delivery-log">
        <ol className="space-y-1">
          {detail.data?.log.map((a) => (
            <li key={a.id} className="rounded border border-neutral-200 bg-white p-2">
              <span className="font-medium">{a.statusCode ?? "no answer"}</span> · {a.durationMs} ms ·{" "}
              {formatDateTime(a.startedAt)}
              {a.error ? <span className="block text-red-700">{a.error}</span> : null}
              {a.responseExcerpt ? (
                <pre className="mt-1 max-h-24 overflow-auto whitespace-pre-wrap break-all text-neutral-600">
                  {a.responseExcerpt}
                </pre>
              ) : null}
            </li>
          ))}
        </ol>
        <details>
          <summary className="cursor-pointer text-neutral-700">Body sent</summary>
          <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-neutral-50 p-2">
            {detail.data?.payload}
          </pre>
        </details>
      </div>
    )
  );
}

/** One endpoint (#24): edit it, rotate its secret, send a test event, its deliveries with their log and redelivery. */
export function WebhookDetail({ endpointId }: { endpointId: string }) {
  const m = useMercato();
  const endpoints = useQuery(m.notifications.webhooks.list.queryOptions());
  const endpoint = endpoints.data?.items.find((e) => e.id === endpointId);
  const deliveries = useInfiniteQuery({
    ...m.notifications.webhooks.deliveries.infiniteQueryOptions({ endpointId, limit: 20 }, byCursor),
    // While a delivery waits for an attempt, its row follows it.
    refetchInterval: (q) =>
      q.state.data?.pages.some((p) => p.items.some((d: WebhookDelivery) => d.status === "pending")) ? 1000 : false,
  });
  const refresh = useRefresh(m.notifications.webhooks.pathFilter());
  const update = useMutation(m.notifications.webhooks.update.mutationOptions());
  const rotate = useMutation(m.notifications.webhooks.rotateSecret.mutationOptions());
  const sendTest = useMutation(m.notifications.webhooks.sendTest.mutationOptions());
  const redeliver = useMutation(m.notifications.webhooks.redeliver.mutationOptions());
  const { errors, submit } = useSubmit();
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
      await refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  const state = queryState(endpoints, { loading: "Loading the endpoint" });
  if (state) return state;
  if (!endpoint) {
    return (
      <Empty title="No such webhook endpoint">
        <Link href="/admin/webhooks" className="text-brand-700 hover:underline">
          Back to webhooks
        </Link>
      </Empty>
    );
  }
  return (
    <>
      <PageHeader
        title="Webhook endpoint"
        description={<span className="break-all font-mono text-xs">{endpoint.url}</span>}
        actions={
          <div className="flex flex-wrap gap-2">
            <Button
              variant="secondary"
              disabled={!endpoint.enabled || sendTest.isPending}
              onClick={() => run(() => sendTest.mutateAsync({ id: endpoint.id }))}
            >
              Send test event
            </Button>
            <Button
              variant="secondary"
              disabled={rotate.isPending}
              onClick={() =>
                run(async () => {
                  const r = await rotate.mutateAsync({ id: endpoint.id });
                  setSecret(r.secret);
                })
              }
            >
              Rotate secret
            </Button>
          </div>
        }
      />
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="space-y-3">
          {error ? <ErrorNote>{error}</ErrorNote> : null}
          {secret ? <SecretNotice secret={secret} onDismiss={() => setSecret(null)} /> : null}
          {endpoint.disabledReason && !endpoint.enabled ? (
            <ErrorNote>Turned off after sustained failure: {endpoint.disabledReason}</ErrorNote>
          ) : null}
          {endpoint.previousSecretExpiresAt ? (
            <p className="text-xs text-neutral-600">
              The previous secret also signs until {formatDateTime(endpoint.previousSecretExpiresAt)}.
            </p>
          ) : null}
          <h2 className="text-base font-semibold">Deliveries</h2>
          <PagedTable
            list={deliveries}
            loading="Loading deliveries"
            empty={<Empty title="No deliveries yet">Send a test event, or wait for the next subscribed event.</Empty>}
            label="Deliveries"
            rowKey={(d) => d.id}
            columns={[
              {
                header: "Delivery",
                cell: (d) => (
                  <div className="min-w-56" data-testid="webhook-delivery-row" data-status={d.status}>
                    <code className="text-xs font-medium">{d.type}</code>
                    <span className="block font-mono text-[11px] text-neutral-500">{d.id}</span>
                    {open === d.id ? <DeliveryLog id={d.id} /> : null}
                  </div>
                ),
              },
              { header: "Status", cell: (d) => <Badge tone={TONES[d.status]}>{d.status}</Badge> },
              { header: "Attempts", numeric: true, cell: (d) => d.attempts },
              { header: "Last code", numeric: true, cell: (d) => d.lastStatusCode ?? "—" },
              {
                header: "Created",
                className: "whitespace-nowrap text-neutral-500",
                cell: (d) => formatDateTime(d.createdAt),
              },
              {
                header: "Actions",
                hiddenHeader: true,
                className: "whitespace-nowrap text-right",
                cell: (d) => (
                  <>
                    <Button
                      variant="ghost"
                      aria-expanded={open === d.id}
                      aria-label={`${open === d.id ? "Hide" : "Show"} the log of ${d.id}`}
                      onClick={() => setOpen(open === d.id ? null : d.id)}
                    >
                      Log
                    </Button>
                    <Button
                      variant="ghost"
                      disabled={!endpoint.enabled || redeliver.isPending}
                      aria-label={`Redeliver ${d.id}`}
                      onClick={() => run(() => redeliver.mutateAsync({ id: d.id }))}
                    >
                      Redeliver
                    </Button>
                  </>
                ),
              },
            ]}
          />
        </div>
        <Card title="Edit endpoint">
          <EndpointForm
            key={`${endpoint.id}-${String(endpoint.updatedAt)}`}
            initial={draftOfEndpoint(endpoint)}
            submitLabel="Save endpoint"
            pending={update.isPending}
            errors={errors}
            onSubmit={(draft) =>
              void submit(async () => {
                setSaved(false);
                await update.mutateAsync({ id: endpoint.id, ...draft });
                await refresh();
                setSaved(true);
              })
            }
          />
          {saved ? (
            <p role="status" className="mt-2 text-sm text-emerald-700">
              Saved.
            </p>
          ) : null}
        </Card>
      </div>
    </>
  );
}
