"use client";
import { type ReactNode, useMemo, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { rowClass, Table, theadClass } from "../page-header.tsx";
import { type CsvColumn, downloadCsv, toCsv } from "./csv.ts";

/** A column: what it shows, the value it sorts and exports by. */
export interface SortColumn<T> extends CsvColumn<T> {
  numeric?: boolean;
  cell?: (row: T) => ReactNode;
}

/**
 * A table whose headers sort it (click again to reverse), with a CSV export of its rows as
 * sorted. The export holds the plain values (minor units for money), not the formatted text.
 */
export function SortableTable<T>({
  id,
  label,
  columns,
  rows,
  rowKey,
  filename,
  empty,
  className = "",
}: {
  className?: string;
  id: string;
  label: string;
  columns: SortColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  filename: string;
  empty: string;
}) {
  const [sort, setSort] = useState<{ index: number; dir: 1 | -1 } | null>(null);
  const sorted = useMemo(() => {
    if (!sort) return rows;
    const col = columns[sort.index];
    if (!col) return rows;
    return [...rows].sort((a, b) => {
      const x = col.value(a);
      const y = col.value(b);
      const cmp =
        typeof x === "number" && typeof y === "number" ? x - y : String(x ?? "").localeCompare(String(y ?? ""));
      return cmp * sort.dir;
    });
  }, [rows, columns, sort]);

  return (
    <div className={`space-y-2 ${className}`} data-testid={`table-${id}`}>
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-neutral-800">{label}</h3>
        <Button
          variant="secondary"
          className="px-3 py-1 text-xs"
          disabled={rows.length === 0}
          onClick={() => downloadCsv(filename, toCsv(sorted, columns))}
          data-testid={`export-${id}`}
        >
          Export CSV<span className="sr-only"> of {label}</span>
        </Button>
      </div>
      {rows.length === 0 ? (
        <p className="text-sm text-neutral-500">{empty}</p>
      ) : (
        <Table label={label}>
          <thead className={theadClass}>
            <tr>
              {columns.map((c, i) => {
                const active = sort?.index === i;
                return (
                  <th
                    key={c.header}
                    scope="col"
                    className={c.numeric ? "text-right" : undefined}
                    aria-sort={active ? (sort.dir === 1 ? "ascending" : "descending") : "none"}
                  >
                    <button
                      type="button"
                      className="inline-flex items-center gap-1 uppercase tracking-wide hover:text-neutral-800"
                      onClick={() =>
                        setSort(
                          active ? { index: i, dir: sort.dir === 1 ? -1 : 1 } : { index: i, dir: c.numeric ? -1 : 1 },
                        )
                      }
                    >
                      {c.header}
                      <span aria-hidden="true">{active ? (sort.dir === 1 ? "▲" : "▼") : "↕"}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => (
              <tr key={rowKey(row)} className={rowClass}>
                {columns.map((c) => (
                  <td key={c.header} className={c.numeric ? "text-right tabular-nums" : undefined}>
                    {c.cell ? c.cell(row) : c.value(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
