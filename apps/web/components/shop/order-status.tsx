export { OrderStatusBadges, StatusPill } from "@/components/orders/status-badges.tsx";

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
