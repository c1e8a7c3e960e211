import { FULFILMENT_STATUSES, ORDER_STATUSES, PAYMENT_STATUSES } from "@mercato/orders/contract";
import { ExportCsvLink } from "@/components/admin/export-csv-link.tsx";
import { OrderList } from "@/components/admin/orders/order-list.tsx";
import { PageHeader } from "@/components/admin/page-header.tsx";
import { knownValue } from "@/lib/orders/status.ts";

export const metadata = { title: "Orders" };

type Params = { status?: string; paymentStatus?: string; fulfilmentStatus?: string; customer?: string };

export default async function OrdersPage(props: { searchParams: Promise<Params> }) {
  const params = await props.searchParams;
  return (
    <>
      <PageHeader
        title="Orders"
        description="Every order, newest first. Dates are UTC days."
        actions={<ExportCsvLink kind="orders" />}
      />
      <OrderList
        initial={{
          status: knownValue(ORDER_STATUSES, params.status),
          paymentStatus: knownValue(PAYMENT_STATUSES, params.paymentStatus),
          fulfilmentStatus: knownValue(FULFILMENT_STATUSES, params.fulfilmentStatus),
          customer: typeof params.customer === "string" ? params.customer : undefined,
        }}
      />
    </>
  );
}
