import type { Shipment } from "@/lib/orders/actions.ts";

/** A shipment's tracking number, linked to the carrier's page when the shipment has one (http/https only). */
export function TrackingLink({ shipment }: { shipment: Pick<Shipment, "trackingNumber" | "trackingUrl" | "carrier"> }) {
  const url = shipment.trackingUrl && /^https?:\/\//i.test(shipment.trackingUrl) ? shipment.trackingUrl : null;
  if (!url) return <span className="font-mono">{shipment.trackingNumber}</span>;
  return (
    <a
      href={url}
      target="_blank"
      rel="noopener noreferrer nofollow"
      className="font-mono text-brand-700 underline"
      data-testid="tracking-link"
    >
      {shipment.trackingNumber}
      <span className="sr-only"> (track with {shipment.carrier}, opens in a new tab)</span>
    </a>
  );
}
