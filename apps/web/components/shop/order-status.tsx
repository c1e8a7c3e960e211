import { Badge } from "@/components/ui/states.tsx";
import type { OrderStatus } from "@/lib/shop/types.ts";

const STATUS: Record<OrderStatus, { label: string; tone: "neutral" | "green" | "amber" | "red" | "blue" }> = {
  PENDING: { label: "Reserving items", tone: "neutral" },
  AWAITING_PAYMENT: { label: "Awaiting payment", tone: "amber" },
  PAID: { label: "Paid", tone: "green" },
  SHIPPED: { label: "Shipped", tone: "blue" },
  DELIVERED: { label: "Delivered", tone: "green" },
  CANCELLED: { label: "Cancelled", tone: "red" },
  REFUNDED: { label: "Refunded", tone: "neutral" },
  PARTIALLY_REFUNDED: { label: "Partly refunded", tone: "neutral" },
};

export function statusLabel(status: OrderStatus): string {
  return STATUS[status].label;
}

export function StatusBadge({ status }: { status: OrderStatus }) {
  return (
    <span data-testid="order-status" data-status={status}>
      <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>
    </span>
  );
}

/** A UTC timestamp in the shopper's own locale and time zone. */
export function When({ iso, withTime = true }: { iso: string; withTime?: boolean }) {
  const date = new Date(iso);
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {withTime
        ? date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })
        : date.toLocaleDateString()}
    </time>
  );
}
