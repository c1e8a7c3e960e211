import { PageHeader } from "@/components/admin/page-header.tsx";
import { ProductForm } from "@/components/admin/products/product-form.tsx";
import { emptyDraft } from "@/lib/admin/product-draft.ts";

export const metadata = { title: "New product" };

export default function NewProductPage() {
  return (
    <>
      <PageHeader title="New product" description="Variants are what shoppers buy: each has its own SKU and price." />
      <ProductForm initial={emptyDraft()} />
    </>
  );
}
