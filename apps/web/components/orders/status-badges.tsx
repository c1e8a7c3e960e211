import { Badge } from "@/components/ui/states.tsx";
import { type StatusKind, statusLabel } from "@/lib/orders/status.ts";

const TEST_IDS: Record<StatusKind, string> = {
  order: "order-status",
  payment: "payment-status",
  fulfilment: "fulfilment-status",
  return: "return-status",
};

const KIND_NAMES: Record<StatusKind, string> = {
  order: "Order",
  payment: "Payment",
  fulfilment: "Fulfilment",
  return: "Return",
};

/** One status as a badge; tests find it by `data-testid` (order-status, payment-status, …) and `data-status`. */
export function StatusPill({ kind, status, titled = false }: { kind: StatusKind; status: string; titled?: boolean }) {
  const { label, tone } = statusLabel(kind, status);
  return (
    <span data-testid={TEST_IDS[kind]} data-status={status} title={`${KIND_NAMES[kind]}: ${label}`}>
      <Badge tone={tone}>
        {titled ? <span className="sr-only">{KIND_NAMES[kind]}: </span> : null}
        {label}
      </Badge>
    </span>
  );
}

/**
 * An order's three statuses side by side: where it is in its life, its money and its goods.
 * A cancelled order shows only that (its payment status still says whether money went back).
 */
export function OrderStatusBadges({
  order,
  className = "",
}: {
  order: { status: string; paymentStatus: string; fulfilmentStatus: string };
  className?: string;
}) {
  const showFulfilment = order.status !== "CANCELLED" || order.fulfilmentStatus !== "NOT_FULFILLED";
  return (
    <span className={`inline-flex flex-wrap items-center gap-1.5 ${className}`}>
      <StatusPill kind="order" status={order.status} titled />
      <StatusPill kind="payment" status={order.paymentStatus} titled />
      {showFulfilment ? <StatusPill kind="fulfilment" status={order.fulfilmentStatus} titled /> : null}
    </span>
  );
}
