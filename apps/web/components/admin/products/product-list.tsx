"use client";
import { canDo, type ProductStatus } from "@mercato/catalog/contract";
import { useMercato } from "@mercato/client/react";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, Select } from "@/components/ui/field.tsx";
import { Money } from "@/components/ui/money.tsx";
import { Empty, ErrorNote } from "@/components/ui/states.tsx";
import { errorMessage } from "@/lib/admin/errors.ts";
import { formatDate } from "@/lib/admin/format.ts";
import { LoadMore, rowClass, Table, theadClass } from "../page-header.tsx";
import { queryState } from "../query-state.tsx";
import { StatusBadge } from "../status-badge.tsx";

const STATUS_LABELS = {
  active: "Active",
  draft: "Draft",
  archived: "Archived",
} as const satisfies Record<ProductStatus, string>;

export function ProductList() {
  const m = useMercato();
  const queryClient = useQueryClient();
  const [q, setQ] = useState("");
  const [status, setStatus] = useState<ProductStatus | "">("");
  const query = useDeferredValue(q.trim());
  const list = useInfiniteQuery(
    m.catalog.admin.products.list.infiniteQueryOptions(
      { q: query || undefined, status: status || undefined, sort: "newest", limit: 25 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const invalidate = () => queryClient.invalidateQueries(m.catalog.admin.products.pathFilter());
  const archive = useMutation(m.catalog.admin.products.archive.mutationOptions({ onSuccess: invalidate }));
  const restore = useMutation(m.catalog.admin.products.restore.mutationOptions({ onSuccess: invalidate }));
  const actionError = archive.error ?? restore.error;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total;

  return (
    <div className="space-y-4">
      <form className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_12rem]" onSubmit={(e) => e.preventDefault()}>
        <Field
          label="Search"
          name="q"
          type="search"
          placeholder="Title, brand, SKU…"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <Select
          label="Status"
          name="status"
          value={status}
          onChange={(e) => setStatus(e.target.value as ProductStatus | "")}
        >
          <option value="">Any status</option>
          {Object.entries(STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </form>
      {actionError ? <ErrorNote>{errorMessage(actionError)}</ErrorNote> : null}
      {queryState(list, {
        loading: "Loading products",
        empty: items.length === 0 ? <Empty title="No products match">Try another search or status.</Empty> : undefined,
      }) ?? (
        <>
          <p className="text-sm text-neutral-500">{total ?? items.length} products</p>
          <Table label="Products">
            <thead className={theadClass}>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Status</th>
                <th scope="col">Variants</th>
                <th scope="col" className="text-right">
                  From
                </th>
                <th scope="col">Updated</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id} className={rowClass}>
                  <td>
                    <div className="flex items-center gap-3">
                      {p.images[0] ? (
                        <img
                          src={p.images[0].url}
                          alt=""
                          className="h-10 w-10 rounded-md border border-neutral-200 object-cover"
                        />
                      ) : (
                        <div className="h-10 w-10 rounded-md bg-neutral-100" />
                      )}
                      <div>
                        <Link
                          href={`/admin/products/${p.id}`}
                          className="font-medium text-ink hover:text-brand-700 hover:underline"
                        >
                          {p.title}
                        </Link>
                        <div className="text-xs text-neutral-500">{p.brand ?? "No brand"}</div>
                      </div>
                    </div>
                  </td>
                  <td>
                    <StatusBadge status={p.status} />
                  </td>
                  <td className="tabular-nums">{p.variants.length}</td>
                  <td className="text-right tabular-nums">
                    <Money amount={p.minPrice} currency={p.currency} />
                  </td>
                  <td className="text-neutral-500">{formatDate(p.updatedAt)}</td>
                  <td className="text-right">
                    {canDo(p.status, "restore") ? (
                      <Button variant="ghost" disabled={restore.isPending} onClick={() => restore.mutate({ id: p.id })}>
                        Restore
                      </Button>
                    ) : (
                      <Button variant="ghost" disabled={archive.isPending} onClick={() => archive.mutate({ id: p.id })}>
                        Archive
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
          <LoadMore list={list} />
        </>
      )}
    </div>
  );
}
