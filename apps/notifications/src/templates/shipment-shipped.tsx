import type { ShippingMethod } from "@mercato/pricing";
import { storefrontLinks } from "../domain/links.ts";
import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { shippingDescription } from "./order-totals.ts";
import { defineTemplate } from "./template.ts";
import { type UnitLine, UnitList, unitLine } from "./units.tsx";

export interface ShipmentShippedProps {
  orderId: string;
  number: string;
  carrier: string;
  trackingNumber: string;
  trackingUrl: string | null;
  lines: UnitLine[];
  shippingMethod: ShippingMethod | null;
  /** Whether every unit of the order has now shipped. */
  complete: boolean;
}

function intro(p: ShipmentShippedProps): string {
  return p.complete
    ? `The last parcel of your order left our warehouse with ${p.carrier}.`
    : `A parcel of your order left our warehouse with ${p.carrier}. The rest follows in another parcel.`;
}

function estimate(p: ShipmentShippedProps): string[] {
  return p.shippingMethod ? [`Delivery: ${shippingDescription(p.shippingMethod)}.`] : [];
}

/** One email per shipment (#19): what is in the parcel, the carrier, tracking number and link. */
export const shipmentShippedEmail = defineTemplate<ShipmentShippedProps>({
  name: "shipment-shipped",
  subject: (p) => `Order ${p.number}: a parcel is on its way`,
  Body: ({ data, config }) => (
    <Layout config={config} title={`Order ${data.number}: a parcel is on its way`}>
      <Paragraph>{intro(data)}</Paragraph>
      <Paragraph>In this parcel:</Paragraph>
      <UnitList lines={data.lines} />
      <Paragraph>
        Tracking number: <strong>{data.trackingNumber}</strong> ({data.carrier})
      </Paragraph>
      {estimate(data).map((line) => (
        <Paragraph key={line}>{line}</Paragraph>
      ))}
      {data.trackingUrl ? <Button href={data.trackingUrl}>Track your parcel</Button> : null}
      <Paragraph>
        <a href={storefrontLinks(config.storefrontUrl).order(data.orderId)}>View your order</a>
      </Paragraph>
    </Layout>
  ),
  text: (data, c) =>
    textLayout(c, `Order ${data.number}: a parcel is on its way`, [
      intro(data),
      "",
      "In this parcel:",
      ...data.lines.map((l) => `- ${unitLine(l)}`),
      "",
      `Tracking number: ${data.trackingNumber} (${data.carrier})`,
      ...(data.trackingUrl ? [`Track your parcel: ${data.trackingUrl}`] : []),
      ...estimate(data).flatMap((line) => ["", line]),
      "",
      `View your order: ${storefrontLinks(c.storefrontUrl).order(data.orderId)}`,
    ]),
});
