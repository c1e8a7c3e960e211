import { ProductImport } from "@/components/admin/import/product-import.tsx";
import { PageHeader } from "@/components/admin/page-header.tsx";

export const metadata = { title: "Import and export" };

export default function ImportAdmin() {
  return (
    <>
      <PageHeader
        title="Import and export"
        description="Products from a CSV file (one row per variant), checked row by row; the product CSV to download."
      />
      <ProductImport />
    </>
  );
}
