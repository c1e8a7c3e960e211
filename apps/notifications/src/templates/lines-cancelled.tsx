import { cancelReasonLabel } from "@mercato/orders/contract";
import { money } from "../domain/format.ts";
import { storefrontLinks } from "../domain/links.ts";
import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { defineTemplate } from "./template.ts";
import { type UnitLine, UnitList, unitLine } from "./units.tsx";

export interface LinesCancelledProps {
  orderId: string;
  number: string;
  lines: UnitLine[];
  reason: string;
  wasPaid: boolean;
  /** What went back for them (minor units, the order's currency). */
  refundAmount: number;
  currency: string;
}

function refundNote(p: LinesCancelledProps): string {
  if (!p.wasPaid) return "You have not been charged for them.";
  if (p.refundAmount <= 0) return "Nothing was charged for them, so there is nothing to refund.";
  return `We have refunded ${money(p.refundAmount, p.currency)} for them to the card you paid with. Depending on your bank it can take 5–10 days to appear on your statement.`;
}

function body(p: LinesCancelledProps): string[] {
  return [`Reason: ${cancelReasonLabel(p.reason)}`, refundNote(p), "The rest of your order is not affected."];
}

/** Unshipped units of an order were cancelled (#19), with their refund. */
export const linesCancelledEmail = defineTemplate<LinesCancelledProps>({
  name: "lines-cancelled",
  subject: (p) => `Order ${p.number}: items cancelled`,
  Body: ({ data, config }) => (
    <Layout config={config} title={`Order ${data.number}: items cancelled`}>
      <Paragraph>These items of your order were cancelled before they shipped:</Paragraph>
      <UnitList lines={data.lines} />
      {body(data).map((line) => (
        <Paragraph key={line}>{line}</Paragraph>
      ))}
      <Button href={storefrontLinks(config.storefrontUrl).order(data.orderId)}>View your order</Button>
    </Layout>
  ),
  text: (data, c) =>
    textLayout(c, `Order ${data.number}: items cancelled`, [
      "These items of your order were cancelled before they shipped:",
      ...data.lines.map((l) => `- ${unitLine(l)}`),
      ...body(data).flatMap((line) => ["", line]),
      "",
      `View your order: ${storefrontLinks(c.storefrontUrl).order(data.orderId)}`,
    ]),
});
