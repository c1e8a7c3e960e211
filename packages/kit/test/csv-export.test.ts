// The CSV exports' writer (#24): RFC 4180 quoting, the header rule and the OWASP formula guard,
// read back with csv-parse as a spreadsheet or an integrator would.
import { describe, expect, test } from "bun:test";
import { parse } from "csv-parse/sync";
import { csvPage, guardCsvCell, unguardCsvCell } from "../src/csv-export.ts";

const COLUMNS = ["name", "count", "ok"] as const;

describe("csvPage", () => {
  test("the header only when asked (the first page), cells quoted where they must be", () => {
    const rows = [{ name: 'Tee, "blue"\nlarge', count: 3, ok: true }];
    const first = csvPage(COLUMNS, rows, true);
    const later = csvPage(COLUMNS, rows, false);
    expect(first.startsWith("name,count,ok\n")).toBe(true);
    expect(later.startsWith("name,count,ok")).toBe(false);
    expect(parse(first + later, { columns: true })).toEqual([
      { name: 'Tee, "blue"\nlarge', count: "3", ok: "true" },
      { name: 'Tee, "blue"\nlarge', count: "3", ok: "true" },
    ]);
  });

  test("every formula start (= + - @ tab CR) is prefixed with a quote; numbers and nulls are not", () => {
    const starts = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"];
    const csv = csvPage(
      COLUMNS,
      starts.map((name) => ({ name, count: -3, ok: null })),
      true,
    );
    const parsed = parse(csv, { columns: true }) as Record<string, string>[];
    expect(parsed.map((r) => r.name)).toEqual(starts.map((s) => `'${s}`));
    expect(parsed.map((r) => r.count)).toEqual(starts.map(() => "-3"));
    expect(parsed.map((r) => r.ok)).toEqual(starts.map(() => ""));
  });

  test("plain text is left alone, and unguard undoes exactly the guard", () => {
    for (const text of ["Linen shirt", "a=b", "x-1", "", "'", "'quoted", "'=already", "''-x", "=1"]) {
      expect(unguardCsvCell(guardCsvCell(text))).toBe(text);
    }
    expect(guardCsvCell("Linen shirt")).toBe("Linen shirt");
    expect(guardCsvCell("a=b")).toBe("a=b");
    expect(guardCsvCell("'quoted")).toBe("'quoted");
    expect(guardCsvCell("'=already")).toBe("''=already");
  });
});
