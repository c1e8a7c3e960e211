import { money } from "../domain/format.ts";
import { storefrontLinks } from "../domain/links.ts";
import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { defineTemplate } from "./template.ts";

type Props = { orderId: string; number: string; amount: number; currency: string; full: boolean };

function summary(p: Props): string {
  const kind = p.full ? "a full refund" : "a partial refund";
  return `We have issued ${kind} of ${money(p.amount, p.currency)} for order ${p.number}. Depending on your bank it can take 5–10 days to appear on your statement.`;
}

export const orderRefundedEmail = defineTemplate<Props>({
  name: "order-refunded",
  subject: (p) => `Refund of ${money(p.amount, p.currency)} for order ${p.number}`,
  Body: ({ data, config }) => (
    <Layout config={config} title={`Refund for order ${data.number}`}>
      <Paragraph>{summary(data)}</Paragraph>
      <Button href={storefrontLinks(config.storefrontUrl).order(data.orderId)}>View your order</Button>
    </Layout>
  ),
  text: (data, c) =>
    textLayout(c, `Refund for order ${data.number}`, [
      summary(data),
      "",
      `View your order: ${storefrontLinks(c.storefrontUrl).order(data.orderId)}`,
    ]),
});
