import { stringify } from "csv-stringify/browser/esm/sync";

/** One column of an exported table: its header and the cell's plain value. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | null;
}

/** The rows as RFC 4180 CSV (csv-stringify: fields with commas, quotes or newlines are quoted). */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  return stringify([columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => c.value(r) ?? ""))], {
    record_delimiter: "windows",
  });
}

/** Offers the text as a file download. */
export function downloadCsv(filename: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
