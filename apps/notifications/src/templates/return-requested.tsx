import { storefrontLinks } from "../domain/links.ts";
import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { defineTemplate } from "./template.ts";
import { paragraphsOf, type UnitLine, UnitList, unitLine } from "./units.tsx";

/** What every return email knows: the order, the return's number and its lines (with reasons). */
export interface ReturnProps {
  orderId: string;
  number: string;
  returnNumber: string;
  lines: UnitLine[];
  /** What the shopper does next (where to send the parcel...); null when nothing. */
  instructions: string | null;
}

export function instructionParagraphs(p: { instructions: string | null }): string[] {
  return paragraphsOf(p.instructions);
}

function intro(p: ReturnProps): string {
  return `We have your return request ${p.returnNumber} for order ${p.number}. We will let you know once it is reviewed.`;
}

/** The shopper asked to return delivered units (#19): the return number and what to do next. */
export const returnRequestedEmail = defineTemplate<ReturnProps>({
  name: "return-requested",
  subject: (p) => `Return ${p.returnNumber} requested for order ${p.number}`,
  Body: ({ data, config }) => (
    <Layout config={config} title={`Return ${data.returnNumber} requested`}>
      <Paragraph>{intro(data)}</Paragraph>
      <UnitList lines={data.lines} />
      {instructionParagraphs(data).map((line) => (
        <Paragraph key={line}>{line}</Paragraph>
      ))}
      <Button href={storefrontLinks(config.storefrontUrl).order(data.orderId)}>View your order</Button>
    </Layout>
  ),
  text: (data, c) =>
    textLayout(c, `Return ${data.returnNumber} requested`, [
      intro(data),
      "",
      ...data.lines.map((l) => `- ${unitLine(l)}`),
      ...instructionParagraphs(data).flatMap((line) => ["", line]),
      "",
      `View your order: ${storefrontLinks(c.storefrontUrl).order(data.orderId)}`,
    ]),
});
