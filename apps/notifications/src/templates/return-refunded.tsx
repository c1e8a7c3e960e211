import { money } from "../domain/format.ts";
import { storefrontLinks } from "../domain/links.ts";
import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { defineTemplate } from "./template.ts";

export interface ReturnRefundedProps {
  orderId: string;
  number: string;
  returnNumber: string;
  /** The refund, exact, in minor units of the order's currency. */
  amount: number;
  currency: string;
}

function summary(p: ReturnRefundedProps): string {
  return `Your return ${p.returnNumber} for order ${p.number} has arrived and we have refunded ${money(p.amount, p.currency)}. Depending on your bank it can take 5–10 days to appear on your statement.`;
}

/** The return arrived and its refund was issued (#19): the exact amount, in the order's currency. */
export const returnRefundedEmail = defineTemplate<ReturnRefundedProps>({
  name: "return-refunded",
  subject: (p) => `Return ${p.returnNumber}: refund of ${money(p.amount, p.currency)}`,
  Body: ({ data, config }) => (
    <Layout config={config} title={`Return ${data.returnNumber} received and refunded`}>
      <Paragraph>{summary(data)}</Paragraph>
      <Button href={storefrontLinks(config.storefrontUrl).order(data.orderId)}>View your order</Button>
    </Layout>
  ),
  text: (data, c) =>
    textLayout(c, `Return ${data.returnNumber} received and refunded`, [
      summary(data),
      "",
      `View your order: ${storefrontLinks(c.storefrontUrl).order(data.orderId)}`,
    ]),
});
