import { Badge } from "@/components/ui/states.tsx";
import { humanize } from "@/lib/admin/format.ts";

type Tone = "neutral" | "green" | "amber" | "red" | "blue";

const TONES: Record<string, Tone> = {
  PENDING: "neutral",
  AWAITING_PAYMENT: "amber",
  PAID: "blue",
  SHIPPED: "blue",
  DELIVERED: "green",
  CANCELLED: "red",
  REFUNDED: "red",
  PARTIALLY_REFUNDED: "amber",
  active: "green",
  draft: "neutral",
  archived: "red",
  sent: "green",
  pending: "amber",
  failed: "red",
  succeeded: "green",
  refunded: "red",
  partially_refunded: "amber",
  requires_payment: "amber",
  processing: "blue",
  requires_action: "amber",
};

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={TONES[status] ?? "neutral"}>{humanize(status)}</Badge>;
}
