import Link from "next/link";
import { PageHeader } from "@/components/admin/page-header.tsx";
import { RegionList } from "@/components/admin/regions/region-list.tsx";

export const metadata = { title: "Regions" };

export default function RegionsPage() {
  return (
    <>
      <PageHeader
        title="Regions"
        description="Where the shop sells: each region's countries, currency, tax and shipping."
        actions={
          <Link
            href="/admin/regions/new"
            className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            New region
          </Link>
        }
      />
      <RegionList />
    </>
  );
}
