"use client";
import { useMercato } from "@mercato/client/react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useDeferredValue, useState } from "react";
import { Badge, Empty, ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { errorMessage } from "@/lib/admin/errors.ts";
import { formatDateTime, humanize } from "@/lib/admin/format.ts";
import { byCursor, PagedTable, pagedItems, SearchFilter } from "../data-table.tsx";
import { Card } from "../page-header.tsx";
import { AdjustForm } from "./adjust-form.tsx";
import { ThresholdForm } from "./threshold-form.tsx";

/** "+5 → 12", or just "12" when the movement left this level alone. */
function change(delta: number, after: number): string {
  return delta === 0 ? String(after) : `${delta > 0 ? "+" : ""}${delta} → ${after}`;
}

function Ledger({ sku }: { sku: string }) {
  const m = useMercato();
  const ledger = useQuery(m.inventory.admin.ledger.queryOptions({ sku, limit: 100 }));
  if (ledger.isError) return <ErrorNote>{errorMessage(ledger.error)}</ErrorNote>;
  if (!ledger.data) return <Spinner label="Loading ledger" />;
  if (ledger.data.length === 0) return <p className="text-sm text-neutral-500">No movements yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table
        aria-label={`Ledger of ${sku}`}
        className="w-full text-left text-xs [&_td]:px-2 [&_td]:py-1.5 [&_th]:px-2 [&_th]:py-1.5"
      >
        <thead className="text-neutral-500">
          <tr>
            <th scope="col">When</th>
            <th scope="col">Movement</th>
            <th scope="col" className="text-right">
              On hand
            </th>
            <th scope="col" className="text-right">
              Reserved
            </th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {ledger.data.map((row) => (
            <tr key={row.id} className="border-t border-neutral-100">
              <td className="whitespace-nowrap text-neutral-500">{formatDateTime(row.createdAt)}</td>
              <td>{humanize(row.kind)}</td>
              <td className="text-right tabular-nums">{change(row.deltaOnHand, row.onHandAfter)}</td>
              <td className="text-right tabular-nums">{change(row.deltaReserved, row.reservedAfter)}</td>
              <td className="max-w-md truncate" title={row.reason}>
                {row.reason}
                {row.orderId ? <span className="ml-1 text-neutral-400">({row.orderId.slice(0, 8)})</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Stock per SKU with a low-stock filter; picking a SKU opens its adjustments and ledger. */
export function InventoryView({ initialSku, initialLow }: { initialSku: string | null; initialLow: boolean }) {
  const m = useMercato();
  const router = useRouter();
  const pathname = usePathname();
  const [q, setQ] = useState(initialSku ?? "");
  const [lowOnly, setLowOnly] = useState(initialLow);
  const [selected, setSelected] = useState<string | null>(initialSku);
  const query = useDeferredValue(q.trim());
  const list = useInfiniteQuery(
    m.inventory.admin.list.infiniteQueryOptions({ q: query || undefined, lowOnly, limit: 50 }, byCursor),
  );
  const current = pagedItems(list).find((i) => i.sku === selected);

  function select(sku: string) {
    setSelected(sku);
    // The URL names the SKU, as the low-stock emails' links do, so the view can be shared.
    router.replace(`${pathname}?sku=${encodeURIComponent(sku)}`, { scroll: false });
  }

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
      <div className="space-y-4">
        <div className="flex flex-wrap items-end gap-4">
          <SearchFilter label="Find a SKU" value={q} onChange={setQ} className="min-w-64 flex-1" />
          <label className="mb-2 flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="h-4 w-4 accent-brand-600"
              checked={lowOnly}
              onChange={(e) => setLowOnly(e.target.checked)}
            />
            Low stock only
          </label>
        </div>
        <PagedTable
          list={list}
          loading="Loading stock"
          empty={<Empty title="No SKUs match" />}
          label="Stock"
          rowKey={(s) => s.sku}
          rowClassName={(s) => (s.sku === selected ? "bg-brand-50" : "")}
          columns={[
            {
              header: "SKU",
              cell: (s) => (
                <>
                  <button
                    type="button"
                    className="whitespace-nowrap font-mono text-xs font-medium text-brand-700 hover:underline"
                    onClick={() => select(s.sku)}
                  >
                    {s.sku}
                  </button>
                  {s.lowStock ? (
                    <span className="ml-2">
                      <Badge tone={s.available <= 0 ? "red" : "amber"}>{s.available <= 0 ? "Out" : "Low"}</Badge>
                    </span>
                  ) : null}
                </>
              ),
            },
            { header: "On hand", numeric: true, cell: (s) => s.onHand },
            { header: "Reserved", numeric: true, cell: (s) => s.reserved },
            { header: "Available", numeric: true, className: "font-medium", cell: (s) => s.available },
            { header: "Threshold", numeric: true, className: "text-neutral-500", cell: (s) => s.lowStockThreshold },
            {
              header: "Updated",
              className: "whitespace-nowrap text-neutral-500",
              cell: (s) => formatDateTime(s.updatedAt),
            },
          ]}
        />
      </div>
      <div className="space-y-6">
        {selected ? (
          <Card title={`Adjust ${selected}`}>
            {current ? (
              <dl className="mb-4 grid grid-cols-3 gap-2 text-center text-sm">
                {(
                  [
                    ["On hand", current.onHand],
                    ["Reserved", current.reserved],
                    ["Available", current.available],
                  ] as const
                ).map(([label, n]) => (
                  <div key={label} className="rounded-lg bg-neutral-50 py-2">
                    <dt className="text-xs text-neutral-500">{label}</dt>
                    <dd
                      className="text-lg font-semibold tabular-nums"
                      data-testid={`level-${label.toLowerCase().replace(" ", "-")}`}
                    >
                      {n}
                    </dd>
                  </div>
                ))}
              </dl>
            ) : null}
            <AdjustForm sku={selected} />
            <ThresholdForm key={selected} sku={selected} current={current?.lowStockThreshold} />
          </Card>
        ) : (
          <Card title="Adjust stock">
            <p className="text-sm text-neutral-500">
              Pick a SKU to receive goods, correct a count, or read its ledger.
            </p>
          </Card>
        )}
      </div>
      {selected ? (
        <Card title="Ledger" className="xl:col-span-2">
          <Ledger sku={selected} />
        </Card>
      ) : null}
    </div>
  );
}
