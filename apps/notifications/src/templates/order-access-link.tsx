import { utcDateTime } from "../domain/format.ts";
import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { defineTemplate } from "./template.ts";

/** The link a shopper asked for on the order lookup page (#21): opens the order in any browser. */
export const orderAccessLinkEmail = defineTemplate<{ number: string; orderUrl: string; expiresAt: string }>({
  name: "order-access-link",
  subject: (p, c) => `Your link to ${c.shopName} order ${p.number}`,
  Body: ({ data, config }) => (
    <Layout config={config} title={`Your order ${data.number}`}>
      <Paragraph>Someone (hopefully you) asked for a link to this order. It opens the order in any browser.</Paragraph>
      <Button href={data.orderUrl}>View your order</Button>
      <Paragraph>
        The link works until {utcDateTime(data.expiresAt)}. Anyone with it can see the order, so do not pass it on. If
        you did not ask for it, ignore this email.
      </Paragraph>
    </Layout>
  ),
  text: (data, c) =>
    textLayout(c, `Your order ${data.number}`, [
      "Someone (hopefully you) asked for a link to this order. It opens the order in any browser.",
      "",
      `View your order: ${data.orderUrl}`,
      "",
      `The link works until ${utcDateTime(data.expiresAt)}. Anyone with it can see the order, so do not pass it on. If you did not ask for it, ignore this email.`,
    ]),
});
