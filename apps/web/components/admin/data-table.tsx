import type { ReactNode } from "react";
import { Field, Select } from "@/components/ui/field.tsx";
import { LoadMore, rowClass, Table, theadClass } from "./page-header.tsx";
import { queryState } from "./query-state.tsx";

/** One column of an admin table: its header and what a row shows in it. */
export interface Column<T> {
  header: string;
  /** A header only screen readers read (a column of buttons). */
  hiddenHeader?: boolean;
  /** Figures: right-aligned with tabular digits. */
  numeric?: boolean;
  /** More classes for the column's cells. */
  className?: string;
  cell: (row: T) => ReactNode;
}

export interface DataTableProps<T> {
  label: string;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  /** More classes for a row (e.g. the selected one). */
  rowClassName?: (row: T) => string;
}

function cellClass<T>(column: Column<T>): string | undefined {
  const classes = [column.numeric ? "text-right tabular-nums" : "", column.className ?? ""].filter(Boolean);
  return classes.length ? classes.join(" ") : undefined;
}

/** The admin's table of rows: a header row from the columns, then one row per item. */
export function DataTable<T>({ label, columns, rows, rowKey, rowClassName }: DataTableProps<T> & { rows: T[] }) {
  return (
    <Table label={label}>
      <thead className={theadClass}>
        <tr>
          {columns.map((c) => (
            <th key={c.header} scope="col" className={c.numeric ? "text-right" : undefined}>
              {c.hiddenHeader ? <span className="sr-only">{c.header}</span> : c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} className={rowClassName ? `${rowClass} ${rowClassName(row)}` : rowClass}>
            {columns.map((c) => (
              <td key={c.header} className={cellClass(c)}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** A cursor-paged list query (a TanStack infinite query over `{ items, nextCursor }` pages). */
export interface PagedQuery<T> {
  data: { pages: { items: T[] }[] } | undefined;
  isError: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** The items of every page loaded so far. */
export function pagedItems<T>(list: PagedQuery<T>): T[] {
  return list.data?.pages.flatMap((p) => p.items) ?? [];
}

/** The option every paged admin list passes to `infiniteQueryOptions`: the next page starts at its cursor. */
export const byCursor = {
  getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor ?? undefined,
};

/**
 * A cursor-paged list as a table: the error, a spinner or `empty` until there are rows, then the
 * rows loaded so far and "Load more".
 */
export function PagedTable<T>({
  list,
  loading,
  empty,
  summary,
  ...table
}: DataTableProps<T> & {
  list: PagedQuery<T>;
  loading: string;
  empty: ReactNode;
  /** A line above the table (e.g. the total). */
  summary?: ReactNode;
}) {
  const rows = pagedItems(list);
  return (
    queryState(list, { loading, empty: rows.length === 0 ? empty : undefined }) ?? (
      <>
        {summary}
        <DataTable {...table} rows={rows} />
        <LoadMore list={list} />
      </>
    )
  );
}

/** The text search of an admin filter bar (name `q`). */
export function SearchFilter({
  label = "Search",
  value,
  onChange,
  placeholder,
  className,
}: {
  label?: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  className?: string;
}) {
  return (
    <Field
      label={label}
      name="q"
      type="search"
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      className={className}
    />
  );
}

/** A filter that picks one value or none ("" is the `any` option). */
export function ChoiceFilter<V extends string>({
  label,
  name,
  any,
  options,
  value,
  onChange,
}: {
  label: string;
  name: string;
  any: string;
  /** Each value with its label. */
  options: readonly (readonly [V, string])[];
  value: V | "";
  onChange: (value: V | "") => void;
}) {
  return (
    <Select label={label} name={name} value={value} onChange={(e) => onChange(e.target.value as V | "")}>
      <option value="">{any}</option>
      {options.map(([v, text]) => (
        <option key={v} value={v}>
          {text}
        </option>
      ))}
    </Select>
  );
}

/** The status filter of a list, from the contract's statuses and their labels. */
export function StatusFilter<V extends string>({
  any = "Any status",
  ...props
}: {
  any?: string;
  options: readonly (readonly [V, string])[];
  value: V | "";
  onChange: (value: V | "") => void;
}) {
  return <ChoiceFilter label="Status" name="status" any={any} {...props} />;
}

/** The form around a list's filters: they apply as they change, so Enter submits nothing. */
export function FilterBar({ label, className, children }: { label?: string; className: string; children: ReactNode }) {
  return (
    <form aria-label={label} className={className} onSubmit={(e) => e.preventDefault()}>
      {children}
    </form>
  );
}
