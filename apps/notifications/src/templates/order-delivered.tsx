import { storefrontLinks } from "../domain/links.ts";
import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { defineTemplate } from "./template.ts";

export const orderDeliveredEmail = defineTemplate<{ orderId: string; number: string }>({
  name: "order-delivered",
  subject: (p) => `Order ${p.number} was delivered`,
  Body: ({ data, config }) => (
    <Layout config={config} title={`Order ${data.number} was delivered`}>
      <Paragraph>Your order has arrived. We hope you enjoy it!</Paragraph>
      <Button href={storefrontLinks(config.storefrontUrl).order(data.orderId)}>View your order</Button>
    </Layout>
  ),
  text: (data, c) =>
    textLayout(c, `Order ${data.number} was delivered`, [
      "Your order has arrived. We hope you enjoy it!",
      "",
      `View your order: ${storefrontLinks(c.storefrontUrl).order(data.orderId)}`,
    ]),
});
