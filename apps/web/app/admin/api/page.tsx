import { ApiExplorer } from "@/components/admin/api/api-explorer.tsx";
import { PageHeader } from "@/components/admin/page-header.tsx";
import catalog from "@/lib/admin/api-catalog.gen.json";
import type { ApiCatalog } from "@/lib/admin/api-catalog.ts";

export const metadata = { title: "API explorer" };

export default function ApiPage() {
  // Generated at build time from the routers (scripts/gen-api-catalog.ts); read on the server only.
  const { procedures } = catalog as ApiCatalog;
  return (
    <>
      <PageHeader
        title="API explorer"
        description="Every tRPC procedure of the platform with its input. Calls run as you, through the gateway."
      />
      <ApiExplorer procedures={procedures} />
    </>
  );
}
