import type { Metadata } from "next";
import { OrderHistory } from "@/components/shop/order-history.tsx";
import { RequireUser } from "@/components/shop/require-user.tsx";

export const metadata: Metadata = { title: "Your orders", robots: { index: false } };

export default function OrdersPage() {
  return (
    <div className="mx-auto max-w-4xl px-4 py-8 sm:px-6">
      <h1 className="mb-8 text-3xl font-semibold tracking-tight">Your orders</h1>
      <RequireUser next="/account/orders">
        <OrderHistory />
      </RequireUser>
    </div>
  );
}
