import { utcDate } from "../domain/format.ts";
import { storefrontLinks } from "../domain/links.ts";
import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { defineTemplate } from "./template.ts";
import { type UnitLine, UnitList, unitLine } from "./units.tsx";

export interface ShipmentDeliveredProps {
  orderId: string;
  number: string;
  lines: UnitLine[];
  /** Until when these units may be returned (UTC ISO). */
  returnableUntil: string;
  /** Whether every unit of the order has now been delivered. */
  complete: boolean;
}

function intro(p: ShipmentDeliveredProps): string {
  return p.complete
    ? "The last parcel of your order has arrived. We hope you enjoy it!"
    : "A parcel of your order has arrived. The rest is on its way or follows soon.";
}

function returns(p: ShipmentDeliveredProps): string {
  return `Not right? You can return these items until ${utcDate(p.returnableUntil)} from your order page.`;
}

/** One email per delivered shipment (#19). */
export const shipmentDeliveredEmail = defineTemplate<ShipmentDeliveredProps>({
  name: "shipment-delivered",
  subject: (p) => `Order ${p.number}: a parcel was delivered`,
  Body: ({ data, config }) => (
    <Layout config={config} title={`Order ${data.number}: a parcel was delivered`}>
      <Paragraph>{intro(data)}</Paragraph>
      <UnitList lines={data.lines} />
      <Paragraph>{returns(data)}</Paragraph>
      <Button href={storefrontLinks(config.storefrontUrl).order(data.orderId)}>View your order</Button>
    </Layout>
  ),
  text: (data, c) =>
    textLayout(c, `Order ${data.number}: a parcel was delivered`, [
      intro(data),
      "",
      ...data.lines.map((l) => `- ${unitLine(l)}`),
      "",
      returns(data),
      "",
      `View your order: ${storefrontLinks(c.storefrontUrl).order(data.orderId)}`,
    ]),
});
