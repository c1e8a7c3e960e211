import { money } from "../domain/format.ts";
import { storefrontLinks } from "../domain/links.ts";
import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { instructionParagraphs, type ReturnProps } from "./return-requested.tsx";
import { defineTemplate } from "./template.ts";
import { paragraphsOf, UnitList, unitLine } from "./units.tsx";

export interface ReturnApprovedProps extends ReturnProps {
  /** Staff's note ("" when none). */
  note: string;
  /** An exchange's price difference the shopper pays (> 0) or gets back (< 0); null: no exchange. */
  exchangeDifference: number | null;
  currency: string;
}

function intro(p: ReturnApprovedProps): string {
  return `Your return ${p.returnNumber} for order ${p.number} is approved.`;
}

function difference(p: ReturnApprovedProps): string[] {
  const d = p.exchangeDifference;
  if (d === null) return ["We refund the items once the parcel has arrived and been checked."];
  if (d > 0) return [`The new item costs ${money(d, p.currency)} more: that difference is charged to your payment.`];
  if (d < 0) return [`The new item costs ${money(-d, p.currency)} less: that difference is refunded to you.`];
  return ["The new item costs the same: nothing to pay, nothing to refund."];
}

function body(p: ReturnApprovedProps): string[] {
  return [...paragraphsOf(p.note), ...instructionParagraphs(p), ...difference(p)];
}

/** Staff approved a return (#19): the instructions for sending it back. */
export const returnApprovedEmail = defineTemplate<ReturnApprovedProps>({
  name: "return-approved",
  subject: (p) => `Return ${p.returnNumber} approved`,
  Body: ({ data, config }) => (
    <Layout config={config} title={`Return ${data.returnNumber} approved`}>
      <Paragraph>{intro(data)}</Paragraph>
      <UnitList lines={data.lines} />
      {body(data).map((line) => (
        <Paragraph key={line}>{line}</Paragraph>
      ))}
      <Button href={storefrontLinks(config.storefrontUrl).order(data.orderId)}>View your order</Button>
    </Layout>
  ),
  text: (data, c) =>
    textLayout(c, `Return ${data.returnNumber} approved`, [
      intro(data),
      "",
      ...data.lines.map((l) => `- ${unitLine(l)}`),
      ...body(data).flatMap((line) => ["", line]),
      "",
      `View your order: ${storefrontLinks(c.storefrontUrl).order(data.orderId)}`,
    ]),
});
