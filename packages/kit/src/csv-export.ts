/**
 * The CSV exports' writer (#24): every service's export procedure turns one keyset page of rows
 * into CSV text with it, so the quoting, the header rule and the formula guard are the same for
 * products, stock, orders and customers.
 */
import { stringify } from "csv-stringify/sync";

/** One cell: text, an integer (minor units, counts), a yes/no, or nothing (an empty cell). */
export type CsvCell = string | number | boolean | null;

/**
 * The characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"):
 * `=`, `+`, `-`, `@`, tab and carriage return at the start of the cell, here also behind quotes
 * (`'=x` gets one more quote too), so the guard can be undone exactly.
 */
const GUARDED_START = /^'*[=+\-@\t\r]/;

/**
 * A text cell made safe to open in a spreadsheet: one that starts like a formula is prefixed with
 * a single quote, so Excel, LibreOffice and Sheets show it as text instead of running it. Numbers
 * are written as numbers (a negative number is not a formula); only text from people is guarded.
 */
export function guardCsvCell(value: string): string {
  return GUARDED_START.test(value) ? `'${value}` : value;
}

/**
 * The inverse, for an import reading a file this shop exported: a cell that is a quote followed
 * by a (quoted) formula start loses one quote again, so an export imported again changes nothing,
 * even for text that itself began with `'=`; plain text with a quote (`'tis`) is left as it is.
 */
export function unguardCsvCell(value: string): string {
  return value.startsWith("'") && GUARDED_START.test(value.slice(1)) ? value.slice(1) : value;
}

function cell(value: CsvCell): string | number {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  return typeof value === "string" ? guardCsvCell(value) : value;
}

/**
 * One page of an export as CSV text (RFC 4180 quoting by csv-stringify, `\n` line ends): the
 * header line only when `header` (the first page), so the pages joined are one file.
 */
export function csvPage<C extends string>(
  columns: readonly C[],
  rows: readonly Readonly<Record<C, CsvCell>>[],
  header: boolean,
): string {
  return stringify(
    rows.map((row) => Object.fromEntries(columns.map((c) => [c, cell(row[c])]))),
    { header, columns: [...columns] },
  );
}
