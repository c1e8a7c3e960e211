import { CategoryTree } from "@/components/admin/categories/category-tree.tsx";
import { PageHeader } from "@/components/admin/page-header.tsx";

export const metadata = { title: "Categories" };

export default function CategoriesPage() {
  return (
    <>
      <PageHeader
        title="Categories"
        description="The shop's navigation. A category with products or subcategories cannot be deleted."
      />
      <CategoryTree />
    </>
  );
}
