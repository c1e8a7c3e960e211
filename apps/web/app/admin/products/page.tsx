import Link from "next/link";
import { ExportCsvLink } from "@/components/admin/export-csv-link.tsx";
import { PageHeader } from "@/components/admin/page-header.tsx";
import { ProductList } from "@/components/admin/products/product-list.tsx";

export const metadata = { title: "Products" };

export default function ProductsPage() {
  return (
    <>
      <PageHeader
        title="Products"
        description="Everything in the catalog, drafts and archived ones included."
        actions={
          <>
            <ExportCsvLink kind="products" />
            <Link
              href="/admin/products/new"
              className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              New product
            </Link>
          </>
        }
      />
      <ProductList />
    </>
  );
}
