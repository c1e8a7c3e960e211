"use client";
import type { Region } from "@mercato/catalog/contract";
import { useMercato } from "@mercato/client/react";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Badge, Empty, ErrorNote } from "@/components/ui/states.tsx";
import { errorMessage } from "@/lib/admin/errors.ts";
import { useRefresh } from "@/lib/admin/use-submit.ts";
import { errorData } from "@/lib/errors.ts";
import { DataTable } from "../data-table.tsx";
import { queryState } from "../query-state.tsx";

/** Every region with what it sells in: its countries, currency, tax basis and shipping options. */
export function RegionList() {
  const m = useMercato();
  const regions = useQuery(m.catalog.admin.regions.list.queryOptions());
  const onSuccess = useRefresh(m.catalog.admin.regions.pathFilter());
  const remove = useMutation(m.catalog.admin.regions.delete.mutationOptions({ onSuccess }));
  const [removing, setRemoving] = useState<string | null>(null);

  return (
    <div className="space-y-3">
      {remove.error ? (
        <ErrorNote>
          {removing ? `${removing} was not deleted: ` : ""}
          {errorData(remove.error).reason ?? errorMessage(remove.error)}
        </ErrorNote>
      ) : null}
      {queryState(regions, {
        loading: "Loading regions",
        empty: regions.data?.length === 0 ? <Empty title="No regions yet" /> : undefined,
      }) ?? (
        <DataTable<Region>
          label="Regions"
          rows={regions.data ?? []}
          rowKey={(r) => r.id}
          columns={[
            {
              header: "Region",
              cell: (r) => (
                <span className="flex items-center gap-2">
                  <Link href={`/admin/regions/${r.id}`} className="font-medium text-brand-700 hover:underline">
                    {r.name}
                  </Link>
                  {r.isDefault ? <Badge tone="blue">Default</Badge> : null}
                </span>
              ),
            },
            {
              header: "Countries",
              className: "max-w-xs font-mono text-xs text-neutral-600",
              cell: (r) => r.countries.join(" "),
            },
            { header: "Currency", className: "font-mono text-xs", cell: (r) => r.currency },
            {
              header: "Tax",
              className: "whitespace-nowrap",
              cell: (r) =>
                r.taxInclusive ? <Badge tone="blue">Included in prices</Badge> : <Badge>Added at checkout</Badge>,
            },
            {
              header: "Shipping options",
              numeric: true,
              cell: (r) => (
                <span data-testid={`options-${r.id}`}>
                  {r.shippingOptions.filter((o) => o.active).length}
                  {r.shippingOptions.some((o) => !o.active) ? (
                    <span className="text-neutral-500"> / {r.shippingOptions.length}</span>
                  ) : null}
                </span>
              ),
            },
            { header: "Tax rates", numeric: true, cell: (r) => r.taxRates.length },
            {
              header: "Actions",
              hiddenHeader: true,
              className: "whitespace-nowrap text-right",
              cell: (r) => (
                <>
                  <Link
                    href={`/admin/regions/${r.id}`}
                    className="rounded-lg px-3 py-2 text-sm font-medium hover:bg-neutral-100"
                    aria-label={`Edit ${r.name}`}
                  >
                    Edit
                  </Link>
                  <Button
                    variant="ghost"
                    className="text-red-700"
                    disabled={remove.isPending}
                    aria-label={`Delete ${r.name}`}
                    onClick={() => {
                      if (!window.confirm(`Delete the region ${r.name}? Its shoppers fall back to the default region.`))
                        return;
                      setRemoving(r.name);
                      remove.mutate({ id: r.id });
                    }}
                  >
                    Delete
                  </Button>
                </>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
