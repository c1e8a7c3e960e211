import { storefrontLinks } from "../domain/links.ts";
import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { defineTemplate } from "./template.ts";

export const orderShippedEmail = defineTemplate<{
  orderId: string;
  number: string;
  carrier: string;
  trackingNumber: string;
}>({
  name: "order-shipped",
  subject: (p) => `Order ${p.number} is on its way`,
  Body: ({ data, config }) => (
    <Layout config={config} title={`Order ${data.number} is on its way`}>
      <Paragraph>
        Your parcel left our warehouse with {data.carrier}. Tracking number: <strong>{data.trackingNumber}</strong>
      </Paragraph>
      <Button href={storefrontLinks(config.storefrontUrl).order(data.orderId)}>View your order</Button>
    </Layout>
  ),
  text: (data, c) =>
    textLayout(c, `Order ${data.number} is on its way`, [
      `Your parcel left our warehouse with ${data.carrier}. Tracking number: ${data.trackingNumber}`,
      "",
      `View your order: ${storefrontLinks(c.storefrontUrl).order(data.orderId)}`,
    ]),
});
