import { CustomerDetail } from "@/components/admin/customers/customer-detail.tsx";

export const metadata = { title: "Customer" };

export default async function CustomerPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  return <CustomerDetail userId={id} />;
}
