"use client";
import { useMercato } from "@mercato/client/react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Badge, Empty } from "@/components/ui/states.tsx";
import { formatDate } from "@/lib/admin/format.ts";
import { DataTable, FilterBar, SearchFilter } from "../data-table.tsx";
import { queryState } from "../query-state.tsx";

const PAGE = 25;

export function CustomerList() {
  const m = useMercato();
  const [q, setQ] = useState("");
  const [page, setPage] = useState(0);
  const text = useDeferredValue(q.trim());
  const list = useQuery({
    ...m.identity.admin.users.list.queryOptions({ q: text || undefined, limit: PAGE, offset: page * PAGE }),
    placeholderData: keepPreviousData,
  });
  const total = list.data?.total ?? 0;
  const customers = list.data?.items ?? [];
  const pages = Math.max(1, Math.ceil(total / PAGE));

  return (
    <div className="space-y-4">
      <FilterBar className="max-w-md">
        <SearchFilter
          label="Search customers"
          placeholder="Name or email"
          value={q}
          onChange={(value) => {
            setQ(value);
            setPage(0);
          }}
        />
      </FilterBar>
      {queryState(list, {
        loading: "Loading customers",
        empty: customers.length === 0 ? <Empty title="No customers match" /> : undefined,
      }) ?? (
        <>
          <DataTable
            label="Customers"
            rows={customers}
            rowKey={(u) => u.id}
            columns={[
              {
                header: "Name",
                cell: (u) => (
                  <Link href={`/admin/customers/${u.id}`} className="font-medium text-brand-700 hover:underline">
                    {u.name || "—"}
                  </Link>
                ),
              },
              { header: "Email", className: "text-neutral-600", cell: (u) => u.email },
              {
                header: "Role",
                cell: (u) => <Badge tone={u.role !== "customer" ? "blue" : "neutral"}>{u.role}</Badge>,
              },
              {
                header: "Status",
                cell: (u) => (u.banned ? <Badge tone="red">Banned</Badge> : <Badge tone="green">Active</Badge>),
              },
              { header: "Joined", className: "text-neutral-500", cell: (u) => formatDate(u.createdAt) },
            ]}
          />
          <div className="flex items-center justify-between text-sm text-neutral-600">
            <span>
              {total} customers · page {page + 1} of {pages}
            </span>
            <div className="flex gap-2">
              <Button variant="secondary" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
                Previous
              </Button>
              <Button variant="secondary" disabled={page + 1 >= pages} onClick={() => setPage((p) => p + 1)}>
                Next
              </Button>
            </div>
          </div>
        </>
      )}
    </div>
  );
}
