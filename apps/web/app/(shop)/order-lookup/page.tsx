import type { Metadata } from "next";
import { OrderLookupForm } from "./lookup-form.tsx";

export const metadata: Metadata = { title: "Find your order", robots: { index: false } };

/** A guest on another device asks for a fresh link to their order (#21). */
export default function OrderLookupPage() {
  return <OrderLookupForm />;
}
