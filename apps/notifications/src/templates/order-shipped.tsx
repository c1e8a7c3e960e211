import type { EventOf, OrderShippedEvent } from "@mercato/events";
import { storefrontLinks } from "../domain/links.ts";
import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { shippingDescription } from "./order-totals.ts";
import { defineTemplate } from "./template.ts";

type Shipped = EventOf<typeof OrderShippedEvent>["data"];
/** The shipping method is optional: orders.shipped events from before regions carry none. */
type Props = Pick<Shipped, "orderId" | "number" | "carrier" | "trackingNumber"> &
  Partial<Pick<Shipped, "shippingMethod">>;

/** The delivery estimate, when the order recorded its shipping method. */
function estimate(p: Props): string[] {
  return p.shippingMethod ? [`Delivery: ${shippingDescription(p.shippingMethod)}.`] : [];
}

export const orderShippedEmail = defineTemplate<Props>({
  name: "order-shipped",
  subject: (p) => `Order ${p.number} is on its way`,
  Body: ({ data, config }) => (
    <Layout config={config} title={`Order ${data.number} is on its way`}>
      <Paragraph>
        Your parcel left our warehouse with {data.carrier}. Tracking number: <strong>{data.trackingNumber}</strong>
      </Paragraph>
      {estimate(data).map((line) => (
        <Paragraph key={line}>{line}</Paragraph>
      ))}
      <Button href={storefrontLinks(config.storefrontUrl).order(data.orderId)}>View your order</Button>
    </Layout>
  ),
  text: (data, c) =>
    textLayout(c, `Order ${data.number} is on its way`, [
      `Your parcel left our warehouse with ${data.carrier}. Tracking number: ${data.trackingNumber}`,
      ...estimate(data).flatMap((line) => ["", line]),
      "",
      `View your order: ${storefrontLinks(c.storefrontUrl).order(data.orderId)}`,
    ]),
});
