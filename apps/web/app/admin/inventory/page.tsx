import { ExportCsvLink } from "@/components/admin/export-csv-link.tsx";
import { InventoryView } from "@/components/admin/inventory/inventory-view.tsx";
import { PageHeader } from "@/components/admin/page-header.tsx";

export const metadata = { title: "Inventory" };

export default async function InventoryPage(props: { searchParams: Promise<{ sku?: string; low?: string }> }) {
  const { sku, low } = await props.searchParams;
  return (
    <>
      <PageHeader
        title="Inventory"
        description="Stock per SKU. Every movement is in the ledger."
        actions={<ExportCsvLink kind="stock" />}
      />
      <InventoryView initialSku={sku?.trim() || null} initialLow={low === "1"} />
    </>
  );
}
