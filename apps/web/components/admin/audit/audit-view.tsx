"use client";
import { useMercato } from "@mercato/client/react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Empty, ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { mergeAudit } from "@/lib/admin/audit-merge.ts";
import { errorMessage } from "@/lib/admin/errors.ts";
import { byCursor } from "../data-table.tsx";
import { rowClass, Table, theadClass } from "../page-header.tsx";

interface Filters {
  actor?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
}

/** A `datetime-local` value read as UTC (the page says so), as the services' ISO input. */
function utcInstant(local: string, end: boolean): string | undefined {
  if (!local) return undefined;
  const withSeconds = local.length === 16 ? `${local}:${end ? "59.999" : "00.000"}` : local;
  const ms = Date.parse(`${withSeconds}Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** "2026-12-01 14:05:09": the instant in UTC, as the page's header says. */
function utcText(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

function Snapshot({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) return <span className="text-neutral-400">—</span>;
  return (
    <details>
      <summary className="cursor-pointer text-brand-700">{label}</summary>
      <pre className="mt-1 max-h-64 max-w-md overflow-auto rounded bg-neutral-50 p-2 text-xs">
        {JSON.stringify(value, null, 2)}
      </pre>
    </details>
  );
}

/**
 * Every service's staff audit log in one list, newest first: each service is asked with the same
 * filters and paged by its own cursor; the merge shows an entry once no unloaded page could come
 * before it (lib/admin/audit-merge.ts).
 */
export function AuditView() {
  const m = useMercato();
  const [draft, setDraft] = useState({ actor: "", action: "", target: "", from: "", to: "" });
  const [filters, setFilters] = useState<Filters>({});
  const input = { ...filters, limit: 50 };
  const logs = [
    useInfiniteQuery(m.cart.admin.audit.list.infiniteQueryOptions(input, byCursor)),
    useInfiniteQuery(m.catalog.admin.audit.list.infiniteQueryOptions(input, byCursor)),
    useInfiniteQuery(m.inventory.admin.audit.list.infiniteQueryOptions(input, byCursor)),
    useInfiniteQuery(m.orders.admin.audit.list.infiniteQueryOptions(input, byCursor)),
    useInfiniteQuery(m.identity.admin.audit.list.infiniteQueryOptions(input, byCursor)),
  ];
  const failed = logs.find((l) => l.isError);
  const loading = logs.some((l) => l.isPending);
  const merged = mergeAudit(
    logs.map((l) => ({ items: l.data?.pages.flatMap((p) => p.items) ?? [], hasMore: l.hasNextPage })),
  );
  const fetching = logs.some((l) => l.isFetchingNextPage);

  function apply(e: FormEvent) {
    e.preventDefault();
    const trimmed = (v: string) => v.trim() || undefined;
    setFilters({
      actor: trimmed(draft.actor),
      action: trimmed(draft.action),
      target: trimmed(draft.target),
      from: utcInstant(draft.from, false),
      to: utcInstant(draft.to, true),
    });
  }

  const set = (key: keyof typeof draft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [key]: e.target.value }));

  return (
    <div className="space-y-4">
      <form onSubmit={apply} aria-label="Filter the audit log" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6">
        <Field label="Who (email or user id)" name="actor" value={draft.actor} onChange={set("actor")} />
        <Field
          label="Action"
          name="action"
          value={draft.action}
          placeholder="orders.admin.refund or orders.*"
          onChange={set("action")}
        />
        <Field label="Target (order, SKU, product)" name="target" value={draft.target} onChange={set("target")} />
        <Field label="From (UTC)" name="from" type="datetime-local" value={draft.from} onChange={set("from")} />
        <Field label="To (UTC)" name="to" type="datetime-local" value={draft.to} onChange={set("to")} />
        <div className="flex items-end">
          <Button type="submit">Apply filters</Button>
        </div>
      </form>
      {failed ? <ErrorNote>{errorMessage(failed.error)}</ErrorNote> : null}
      {loading ? (
        <Spinner label="Loading the audit log" />
      ) : merged.entries.length === 0 && !merged.hasMore ? (
        <Empty title="No staff actions match" />
      ) : (
        <Table label="Audit log">
          <thead className={theadClass}>
            <tr>
              <th scope="col" className="px-3 py-2">
                When (UTC)
              </th>
              <th scope="col" className="px-3 py-2">
                Who
              </th>
              <th scope="col" className="px-3 py-2">
                Action
              </th>
              <th scope="col" className="px-3 py-2">
                Target
              </th>
              <th scope="col" className="px-3 py-2">
                Before
              </th>
              <th scope="col" className="px-3 py-2">
                After
              </th>
            </tr>
          </thead>
          <tbody>
            {merged.entries.map((entry) => (
              <tr key={`${entry.service}:${entry.id}`} className={`${rowClass} align-top text-sm`}>
                <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                  <time dateTime={entry.at}>{utcText(entry.at)}</time>
                </td>
                <td className="px-3 py-2">
                  <div>{entry.actor.email}</div>
                  <div className="text-xs text-neutral-500">{entry.actor.role}</div>
                </td>
                <td className="px-3 py-2 font-mono text-xs">{entry.action}</td>
                <td className="max-w-48 truncate px-3 py-2 font-mono text-xs" title={entry.targetId}>
                  {entry.targetId}
                </td>
                <td className="px-3 py-2">
                  <Snapshot label="Before" value={entry.before} />
                </td>
                <td className="px-3 py-2">
                  <Snapshot label="After" value={entry.after} />
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {merged.hasMore ? (
        <div className="flex justify-center">
          <Button
            variant="secondary"
            disabled={fetching}
            onClick={() => {
              for (const l of logs) if (l.hasNextPage) l.fetchNextPage();
            }}
          >
            {fetching ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
