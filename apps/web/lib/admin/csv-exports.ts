import type { Permission } from "@mercato/access";

/**
 * The admin's CSV downloads (#24): which exports there are, the permission each needs (the
 * service's export procedure checks the same one again) and the file's name. Shared by the
 * download route (app/admin/exports/[kind]/route.ts) and the "Export CSV" buttons.
 */
export const CSV_EXPORTS = {
  products: { permission: "catalog.write", label: "products" },
  stock: { permission: "inventory.adjust", label: "stock" },
  orders: { permission: "orders.read", label: "orders" },
  customers: { permission: "customers.read", label: "customers" },
} as const satisfies Record<string, { permission: Permission; label: string }>;

export type CsvExportKind = keyof typeof CSV_EXPORTS;

export function isCsvExportKind(value: string): value is CsvExportKind {
  return Object.hasOwn(CSV_EXPORTS, value);
}

/** Where the browser downloads an export from. */
export function csvExportHref(kind: CsvExportKind): string {
  return `/admin/exports/${kind}`;
}

/** `mercato-orders-2026-12-02.csv`: the export and the UTC day it was made. */
export function csvExportFileName(kind: CsvExportKind, now: Date = new Date()): string {
  return `mercato-${kind}-${now.toISOString().slice(0, 10)}.csv`;
}
