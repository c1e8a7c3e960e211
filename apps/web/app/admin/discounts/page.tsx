import { DiscountManager } from "@/components/admin/discounts/discount-manager.tsx";
import { PageHeader } from "@/components/admin/page-header.tsx";

export const metadata = { title: "Discount codes" };

export default function DiscountsPage() {
  return (
    <>
      <PageHeader
        title="Discount codes"
        description="Codes are never deleted, only deactivated, so their history stays."
      />
      <DiscountManager />
    </>
  );
}
