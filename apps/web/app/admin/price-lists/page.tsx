import { PageHeader } from "@/components/admin/page-header.tsx";
import { CustomerGroups } from "@/components/admin/price-lists/customer-groups.tsx";
import { PriceListManager } from "@/components/admin/price-lists/price-list-manager.tsx";

export const metadata = { title: "Price lists" };

export default function PriceListsPage() {
  return (
    <>
      <PageHeader
        title="Price lists"
        description="Scheduled sales and customer groups' prices. Shoppers pay the lowest price that applies; times are UTC."
      />
      <div className="space-y-6">
        <PriceListManager />
        <CustomerGroups />
      </div>
    </>
  );
}
