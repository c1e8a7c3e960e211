import type { Metadata } from "next";
import { PayOrder } from "@/components/shop/pay-order.tsx";

export const metadata: Metadata = { title: "Payment", robots: { index: false } };

export default async function PayPage({ params }: { params: Promise<{ orderId: string }> }) {
  const { orderId } = await params;
  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      <h1 className="mb-8 text-3xl font-semibold tracking-tight">Payment</h1>
      <PayOrder orderId={orderId} />
    </div>
  );
}
