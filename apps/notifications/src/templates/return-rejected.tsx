import { storefrontLinks } from "../domain/links.ts";
import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import type { ReturnProps } from "./return-requested.tsx";
import { defineTemplate } from "./template.ts";
import { paragraphsOf, UnitList, unitLine } from "./units.tsx";

export interface ReturnRejectedProps extends ReturnProps {
  /** Staff's note: why ("" when none). */
  note: string;
}

function intro(p: ReturnRejectedProps): string {
  return `We could not approve your return ${p.returnNumber} for order ${p.number}.`;
}

function reason(p: ReturnRejectedProps): string[] {
  const note = paragraphsOf(p.note);
  return note.length > 0 ? ["Our note:", ...note] : ["Reply to this email if you have questions."];
}

/** Staff rejected a return (#19), with their note. */
export const returnRejectedEmail = defineTemplate<ReturnRejectedProps>({
  name: "return-rejected",
  subject: (p) => `Return ${p.returnNumber} was not approved`,
  Body: ({ data, config }) => (
    <Layout config={config} title={`Return ${data.returnNumber} was not approved`}>
      <Paragraph>{intro(data)}</Paragraph>
      <UnitList lines={data.lines} />
      {reason(data).map((line) => (
        <Paragraph key={line}>{line}</Paragraph>
      ))}
      <Button href={storefrontLinks(config.storefrontUrl).order(data.orderId)}>View your order</Button>
    </Layout>
  ),
  text: (data, c) =>
    textLayout(c, `Return ${data.returnNumber} was not approved`, [
      intro(data),
      "",
      ...data.lines.map((l) => `- ${unitLine(l)}`),
      ...reason(data).flatMap((line) => ["", line]),
      "",
      `View your order: ${storefrontLinks(c.storefrontUrl).order(data.orderId)}`,
    ]),
});
