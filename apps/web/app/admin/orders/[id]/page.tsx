import { OrderDetail } from "@/components/admin/orders/order-detail.tsx";

export const metadata = { title: "Order" };

export default async function OrderPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  return <OrderDetail orderId={id} />;
}
