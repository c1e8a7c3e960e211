"use client";
import { useMercato } from "@mercato/client/react";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Badge, Empty } from "@/components/ui/states.tsx";
import { formatDateTime } from "@/lib/admin/format.ts";
import { useRefresh, useSubmit } from "@/lib/admin/use-submit.ts";
import { DataTable } from "../data-table.tsx";
import { Card } from "../page-header.tsx";
import { queryState } from "../query-state.tsx";
import { EndpointForm, emptyEndpoint, SecretNotice } from "./endpoint-form.tsx";

/** The webhook endpoints (#24): the list, and a form for a new one (its secret shown once). */
export function WebhookList() {
  const m = useMercato();
  const endpoints = useQuery(m.notifications.webhooks.list.queryOptions());
  const create = useMutation(m.notifications.webhooks.create.mutationOptions());
  const refresh = useRefresh(m.notifications.webhooks.pathFilter());
  const { errors, submit } = useSubmit();
  const [formKey, setFormKey] = useState(0);
  const [secret, setSecret] = useState<{ id: string; value: string } | null>(null);
  const items = endpoints.data?.items ?? [];

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
      <div className="space-y-3">
        {queryState(endpoints, {
          loading: "Loading webhook endpoints",
          empty:
            items.length === 0 ? (
              <Empty title="No webhook endpoints yet">Add one to tell another system what happens in the shop.</Empty>
            ) : undefined,
        }) ?? (
          <DataTable
            label="Webhook endpoints"
            rows={items}
            rowKey={(e) => e.id}
            columns={[
              {
                header: "Endpoint",
                cell: (e) => (
                  <div className="min-w-56" data-testid="webhook-endpoint-row">
                    <Link
                      href={`/admin/webhooks/${encodeURIComponent(e.id)}`}
                      className="break-all font-mono text-xs font-medium text-brand-700 hover:underline"
                    >
                      {e.url}
                    </Link>
                    {e.description ? <p className="text-xs text-neutral-600">{e.description}</p> : null}
                  </div>
                ),
              },
              {
                header: "Events",
                className: "text-xs text-neutral-700",
                cell: (e) => e.eventTypes.join(", "),
              },
              {
                header: "Status",
                cell: (e) =>
                  e.enabled ? (
                    <Badge tone="green">Enabled</Badge>
                  ) : e.disabledReason ? (
                    <Badge tone="red">Disabled after failures</Badge>
                  ) : (
                    <Badge>Disabled</Badge>
                  ),
              },
              {
                header: "Created",
                className: "whitespace-nowrap text-neutral-500",
                cell: (e) => formatDateTime(e.createdAt),
              },
            ]}
          />
        )}
      </div>
      <Card title="New endpoint">
        {secret ? (
          <div className="space-y-3">
            <SecretNotice secret={secret.value} onDismiss={() => setSecret(null)} />
            <Link
              href={`/admin/webhooks/${encodeURIComponent(secret.id)}`}
              className="text-sm font-medium text-brand-700 hover:underline"
            >
              Open the endpoint
            </Link>
          </div>
        ) : (
          <EndpointForm
            key={formKey}
            initial={emptyEndpoint()}
            submitLabel="Create endpoint"
            pending={create.isPending}
            errors={errors}
            onSubmit={(draft) =>
              void submit(async () => {
                const created = await create.mutateAsync(draft);
                await refresh();
                setSecret({ id: created.endpoint.id, value: created.secret });
                setFormKey((k) => k + 1);
              })
            }
          />
        )}
      </Card>
    </div>
  );
}
