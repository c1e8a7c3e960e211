import { OrderList } from "@/components/admin/orders/order-list.tsx";
import { PageHeader } from "@/components/admin/page-header.tsx";
import { ORDER_STATUSES } from "@/lib/admin/order-actions.ts";

export const metadata = { title: "Orders" };

export default async function OrdersPage(props: { searchParams: Promise<{ status?: string; customer?: string }> }) {
  const { status, customer } = await props.searchParams;
  const known = ORDER_STATUSES.find((s) => s === status);
  return (
    <>
      <PageHeader title="Orders" description="Every order, newest first. Dates are UTC days." />
      <OrderList initial={{ status: known, customer }} />
    </>
  );
}
