import { ProductEditor } from "@/components/admin/products/product-editor.tsx";

export const metadata = { title: "Edit product" };

export default async function EditProductPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const [{ id }, { created }] = await Promise.all([props.params, props.searchParams]);
  return <ProductEditor id={id} created={created === "1"} />;
}
