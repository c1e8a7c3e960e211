import type { Metadata } from "next";
import { OrderDetail } from "@/components/shop/order-detail.tsx";
import { GuestLinkGate } from "./guest-link.tsx";

export const metadata: Metadata = { title: "Your order", robots: { index: false } };

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      {/* An emailed link (#21) becomes the order's cookie before the order is read. */}
      <GuestLinkGate orderId={id}>
        <OrderDetail orderId={id} />
      </GuestLinkGate>
    </div>
  );
}
