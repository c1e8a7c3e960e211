import { money } from "../domain/format.ts";
import { storefrontLinks } from "../domain/links.ts";
import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { defineTemplate } from "./template.ts";
import { type UnitLine, UnitList, unitLine } from "./units.tsx";

export interface ReturnRefundedProps {
  orderId: string;
  number: string;
  returnNumber: string;
  /** The refund, exact, in minor units of the order's currency. */
  amount: number;
  currency: string;
  /** What arrived, per line (with "1 damaged" notes), when known. */
  received: UnitLine[];
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
      {data.received.length > 0 ? (
        <>
          <Paragraph>What we received:</Paragraph>
          <UnitList lines={data.received} />
        </>
      ) : null}
      <Button href={storefrontLinks(config.storefrontUrl).order(data.orderId)}>View your order</Button>
    </Layout>
  ),
  text: (data, c) =>
    textLayout(c, `Return ${data.returnNumber} received and refunded`, [
      summary(data),
      ...(data.received.length > 0 ? ["", "What we received:", ...data.received.map((l) => `- ${unitLine(l)}`)] : []),
      "",
      `View your order: ${storefrontLinks(c.storefrontUrl).order(data.orderId)}`,
    ]),
});
