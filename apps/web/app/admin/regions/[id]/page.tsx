import { RegionEditor } from "@/components/admin/regions/region-editor.tsx";

export const metadata = { title: "Edit region" };

export default async function EditRegionPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const [{ id }, { created }] = await Promise.all([props.params, props.searchParams]);
  return <RegionEditor id={id} created={created === "1"} />;
}
