import { cancelReasonLabel } from "@mercato/orders/contract";
import { storefrontLinks } from "../domain/links.ts";
import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { defineTemplate } from "./template.ts";

type Props = { orderId: string; number: string; reason: string; wasPaid: boolean };

function refundNote(p: Props): string {
  return p.wasPaid
    ? "Your payment will be refunded to the card you paid with; we will email you when it is on its way."
    : "You have not been charged.";
}

export const orderCancelledEmail = defineTemplate<Props>({
  name: "order-cancelled",
  subject: (p) => `Order ${p.number} was cancelled`,
  Body: ({ data, config }) => (
    <Layout config={config} title={`Order ${data.number} was cancelled`}>
      <Paragraph>Reason: {cancelReasonLabel(data.reason)}</Paragraph>
      <Paragraph>{refundNote(data)}</Paragraph>
      <Button href={storefrontLinks(config.storefrontUrl).order(data.orderId)}>View your order</Button>
    </Layout>
  ),
  text: (data, c) =>
    textLayout(c, `Order ${data.number} was cancelled`, [
      `Reason: ${cancelReasonLabel(data.reason)}`,
      "",
      refundNote(data),
      "",
      `View your order: ${storefrontLinks(c.storefrontUrl).order(data.orderId)}`,
    ]),
});
