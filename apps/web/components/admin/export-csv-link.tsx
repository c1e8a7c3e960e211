"use client";
import { CSV_EXPORTS, type CsvExportKind, csvExportHref } from "@/lib/admin/csv-exports.ts";
import { useCan } from "./staff-access.tsx";

const LINK =
  "inline-flex items-center justify-center gap-2 rounded-lg border border-neutral-300 bg-white px-4 py-2 text-sm font-medium text-ink hover:bg-neutral-50";

/**
 * "Export CSV": downloads the whole export from the web's streaming route (a plain link, so the
 * browser saves the file as it arrives). Shown only to staff holding the export's permission;
 * the route and the service refuse the rest anyway.
 */
export function ExportCsvLink({ kind, children = "Export CSV" }: { kind: CsvExportKind; children?: string }) {
  const allowed = useCan(CSV_EXPORTS[kind].permission);
  if (!allowed) return null;
  return (
    <a className={LINK} href={csvExportHref(kind)} download data-testid={`export-${kind}`}>
      {children}
    </a>
  );
}
