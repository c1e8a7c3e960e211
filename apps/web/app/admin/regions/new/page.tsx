import { RegionEditor } from "@/components/admin/regions/region-editor.tsx";

export const metadata = { title: "New region" };

export default function NewRegionPage() {
  return <RegionEditor />;
}
