import { money } from "../domain/format.ts";
import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { defineTemplate } from "./template.ts";

/** A gift card for its recipient (#27): the amount, the buyer's message and the code to redeem at checkout. */
export const giftCardEmail = defineTemplate<{
  recipientName: string;
  amount: number;
  currency: string;
  message: string;
  code: string;
}>({
  name: "gift-card",
  subject: (p, c) => `A ${money(p.amount, p.currency)} gift card for ${c.shopName}`,
  Body: ({ data, config }) => (
    <Layout config={config} title="You have a gift card">
      <Paragraph>
        Hi {data.recipientName}, here is a gift card worth {money(data.amount, data.currency)} to spend at{" "}
        {config.shopName}.
      </Paragraph>
      {data.message ? <Paragraph>“{data.message}”</Paragraph> : null}
      <Paragraph>
        Your code: <strong>{data.code}</strong>
      </Paragraph>
      <Paragraph>Enter it at checkout. What you do not spend stays on the card for your next order.</Paragraph>
      <Button href={config.storefrontUrl}>Start shopping</Button>
    </Layout>
  ),
  text: (data, c) =>
    textLayout(c, "You have a gift card", [
      `Hi ${data.recipientName}, here is a gift card worth ${money(data.amount, data.currency)} to spend at ${c.shopName}.`,
      ...(data.message ? ["", `“${data.message}”`] : []),
      "",
      `Your code: ${data.code}`,
      "",
      "Enter it at checkout. What you do not spend stays on the card for your next order.",
      "",
      `Start shopping: ${c.storefrontUrl}`,
    ]),
});
