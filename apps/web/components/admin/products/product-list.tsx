"use client";
import { canDo, type ProductStatus } from "@mercato/catalog/contract";
import { useMercato } from "@mercato/client/react";
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Money } from "@/components/ui/money.tsx";
import { Empty, ErrorNote } from "@/components/ui/states.tsx";
import { errorMessage } from "@/lib/admin/errors.ts";
import { formatDate } from "@/lib/admin/format.ts";
import { useRefresh } from "@/lib/admin/use-submit.ts";
import { byCursor, FilterBar, PagedTable, pagedItems, SearchFilter, StatusFilter } from "../data-table.tsx";
import { StatusBadge } from "../status-badge.tsx";

const STATUS_LABELS = {
  active: "Active",
  draft: "Draft",
  archived: "Archived",
} as const satisfies Record<ProductStatus, string>;
const STATUS_OPTIONS = Object.entries(STATUS_LABELS) as [ProductStatus, string][];

export function ProductList() {
  const m = useMercato();
  const [q, setQ] = useState("");
  const [status, setStatus] = useState<ProductStatus | "">("");
  const query = useDeferredValue(q.trim());
  const list = useInfiniteQuery(
    m.catalog.admin.products.list.infiniteQueryOptions(
      { q: query || undefined, status: status || undefined, sort: "newest", limit: 25 },
      byCursor,
    ),
  );
  const onSuccess = useRefresh(m.catalog.admin.products.pathFilter());
  const archive = useMutation(m.catalog.admin.products.archive.mutationOptions({ onSuccess }));
  const restore = useMutation(m.catalog.admin.products.restore.mutationOptions({ onSuccess }));
  const actionError = archive.error ?? restore.error;
  const total = list.data?.pages[0]?.total;

  return (
    <div className="space-y-4">
      <FilterBar className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_12rem]">
        <SearchFilter placeholder="Title, brand, SKU…" value={q} onChange={setQ} />
        <StatusFilter options={STATUS_OPTIONS} value={status} onChange={setStatus} />
      </FilterBar>
      {actionError ? <ErrorNote>{errorMessage(actionError)}</ErrorNote> : null}
      <PagedTable
        list={list}
        loading="Loading products"
        empty={<Empty title="No products match">Try another search or status.</Empty>}
        summary={<p className="text-sm text-neutral-500">{total ?? pagedItems(list).length} products</p>}
        label="Products"
        rowKey={(p) => p.id}
        columns={[
          {
            header: "Product",
            cell: (p) => (
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
            ),
          },
          { header: "Status", cell: (p) => <StatusBadge status={p.status} /> },
          { header: "Variants", className: "tabular-nums", cell: (p) => p.variants.length },
          { header: "From", numeric: true, cell: (p) => <Money amount={p.minPrice} currency={p.currency} /> },
          { header: "Updated", className: "text-neutral-500", cell: (p) => formatDate(p.updatedAt) },
          {
            header: "Actions",
            hiddenHeader: true,
            className: "text-right",
            cell: (p) =>
              canDo(p.status, "restore") ? (
                <Button variant="ghost" disabled={restore.isPending} onClick={() => restore.mutate({ id: p.id })}>
                  Restore
                </Button>
              ) : (
                <Button variant="ghost" disabled={archive.isPending} onClick={() => archive.mutate({ id: p.id })}>
                  Archive
                </Button>
              ),
          },
        ]}
      />
    </div>
  );
}
