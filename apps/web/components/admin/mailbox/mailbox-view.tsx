"use client";
import { useMercato } from "@mercato/client/react";
import { MESSAGE_STATUSES, type MessageStatus } from "@mercato/notifications/contract";
import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Empty, ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { errorMessage } from "@/lib/admin/errors.ts";
import { formatDateTime, humanize } from "@/lib/admin/format.ts";
import { useRefresh } from "@/lib/admin/use-submit.ts";
import { byCursor, pagedItems, StatusFilter } from "../data-table.tsx";
import { Card, LoadMore } from "../page-header.tsx";
import { queryState } from "../query-state.tsx";
import { StatusBadge } from "../status-badge.tsx";

type Status = MessageStatus;

const STATUS_OPTIONS = MESSAGE_STATUSES.map((s) => [s, humanize(s)] as const);

function Message({ id }: { id: string }) {
  const m = useMercato();
  const message = useQuery(m.notifications.mailbox.byId.queryOptions({ id }));
  const [view, setView] = useState<"html" | "text">("html");
  if (message.isError) return <ErrorNote>{errorMessage(message.error)}</ErrorNote>;
  if (!message.data) return <Spinner label="Loading message" />;
  const msg = message.data;
  return (
    <div className="space-y-3">
      <div>
        <h2 className="text-lg font-semibold" data-testid="message-subject">
          {msg.subject}
        </h2>
        <p className="text-sm text-neutral-500">
          To {msg.to} · {humanize(msg.template)} · {formatDateTime(msg.createdAt)}
        </p>
        {msg.lastError ? <p className="mt-1 text-xs text-red-600">Last error: {msg.lastError}</p> : null}
      </div>
      <div className="flex gap-1" role="tablist" aria-label="Message body">
        {(["html", "text"] as const).map((v) => (
          <button
            key={v}
            type="button"
            role="tab"
            aria-selected={view === v}
            onClick={() => setView(v)}
            className={`rounded-md px-3 py-1 text-xs font-medium ${view === v ? "bg-brand-50 text-brand-700" : "text-neutral-600 hover:bg-neutral-100"}`}
          >
            {v.toUpperCase()}
          </button>
        ))}
      </div>
      {view === "html" ? (
        // Sandboxed with no scripts: the email's HTML is shown, never run.
        <iframe
          title={`Email: ${msg.subject}`}
          sandbox=""
          srcDoc={msg.html}
          className="h-[28rem] w-full rounded-lg border border-neutral-200 bg-white"
        />
      ) : (
        <pre
          className="max-h-[28rem] overflow-auto whitespace-pre-wrap rounded-lg border border-neutral-200 bg-neutral-50 p-4 text-xs"
          data-testid="message-text"
        >
          {msg.text}
        </pre>
      )}
    </div>
  );
}

function FailedMessages({ onOpen }: { onOpen: (id: string) => void }) {
  const m = useMercato();
  const failed = useQuery(m.notifications.admin.failed.queryOptions());
  const onSuccess = useRefresh(m.notifications.admin.pathFilter(), m.notifications.mailbox.pathFilter());
  const retry = useMutation(m.notifications.admin.retry.mutationOptions({ onSuccess }));
  if (failed.isError) return <ErrorNote>{errorMessage(failed.error)}</ErrorNote>;
  if (!failed.data) return <Spinner />;
  if (failed.data.length === 0) return <p className="text-sm text-neutral-500">No failed emails.</p>;
  return (
    <div className="space-y-2">
      {retry.error ? <ErrorNote>{errorMessage(retry.error)}</ErrorNote> : null}
      <ul className="divide-y divide-neutral-100 text-sm">
        {failed.data.map((msg) => (
          <li key={msg.id} className="flex items-center justify-between gap-3 py-2">
            <button type="button" className="min-w-0 text-left" onClick={() => onOpen(msg.id)}>
              <span className="block truncate font-medium">{msg.subject}</span>
              <span className="block truncate text-xs text-neutral-500">
                {msg.to} · {msg.attempts} attempts · {msg.lastError ?? "no reason given"}
              </span>
            </button>
            <Button variant="secondary" disabled={retry.isPending} onClick={() => retry.mutate({ id: msg.id })}>
              Retry
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What the platform sent (the dev mailbox, or the log of real sends) and the failures to retry. */
export function MailboxView() {
  const m = useMercato();
  const [to, setTo] = useState("");
  const [status, setStatus] = useState<Status | "">("");
  const [open, setOpen] = useState<string | null>(null);
  const recipient = useDeferredValue(to.trim());
  const list = useInfiniteQuery({
    ...m.notifications.mailbox.list.infiniteQueryOptions(
      { to: recipient || undefined, status: status || undefined, limit: 25 },
      byCursor,
    ),
    refetchInterval: 10_000,
  });
  const items = pagedItems(list);

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6 xl:grid-cols-[26rem_minmax(0,1fr)]">
      <div className="space-y-4">
        <div className="grid grid-cols-[minmax(0,1fr)_9rem] gap-3">
          <Field
            label="Recipient"
            name="to"
            type="email"
            placeholder="Exact address"
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
          <StatusFilter any="Any" options={STATUS_OPTIONS} value={status} onChange={setStatus} />
        </div>
        {queryState(list, { empty: items.length === 0 ? <Empty title="No messages" /> : undefined }) ?? (
          <ul
            className="divide-y divide-neutral-100 rounded-xl border border-neutral-200 bg-white shadow-sm"
            data-testid="mailbox-list"
          >
            {items.map((msg) => (
              <li key={msg.id}>
                <button
                  type="button"
                  onClick={() => setOpen(msg.id)}
                  aria-current={open === msg.id ? "true" : undefined}
                  className={`block w-full px-4 py-3 text-left hover:bg-neutral-50 ${open === msg.id ? "bg-brand-50" : ""}`}
                >
                  <span className="flex items-center justify-between gap-2">
                    <span className="truncate text-sm font-medium">{msg.subject}</span>
                    <StatusBadge status={msg.status} />
                  </span>
                  <span className="mt-0.5 block truncate text-xs text-neutral-500">
                    {msg.to} · {formatDateTime(msg.createdAt)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <LoadMore list={list} className="[&>button]:w-full" />
        <Card title="Failed emails">
          <FailedMessages onOpen={setOpen} />
        </Card>
      </div>
      <Card>
        {open ? <Message id={open} /> : <p className="text-sm text-neutral-500">Pick a message to read it.</p>}
      </Card>
    </div>
  );
}
