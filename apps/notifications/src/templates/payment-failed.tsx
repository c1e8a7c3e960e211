import { storefrontLinks } from "../domain/links.ts";
import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { defineTemplate } from "./template.ts";

export const paymentFailedEmail = defineTemplate<{ orderId: string; number: string; reason: string }>({
  name: "payment-failed",
  subject: (p) => `Payment for order ${p.number} did not go through`,
  Body: ({ data, config }) => (
    <Layout config={config} title="Your payment did not go through">
      <Paragraph>
        We could not take the payment for order {data.number}: {data.reason}.
      </Paragraph>
      <Paragraph>
        Your items are still reserved for a short while. You can try again with the same or another card.
      </Paragraph>
      <Button href={storefrontLinks(config.storefrontUrl).pay(data.orderId)}>Pay for order {data.number}</Button>
    </Layout>
  ),
  text: (data, c) =>
    textLayout(c, "Your payment did not go through", [
      `We could not take the payment for order ${data.number}: ${data.reason}.`,
      "",
      "Your items are still reserved for a short while. You can try again with the same or another card.",
      "",
      `Pay for order ${data.number}: ${storefrontLinks(c.storefrontUrl).pay(data.orderId)}`,
    ]),
});
