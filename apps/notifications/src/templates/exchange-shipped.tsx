import { storefrontLinks } from "../domain/links.ts";
import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { defineTemplate } from "./template.ts";
import { type UnitLine, UnitList, unitLine } from "./units.tsx";

export interface ExchangeShippedProps {
  orderId: string;
  number: string;
  /** The return the replacement is for (`R-<order number>-<n>`), when known. */
  returnNumber: string | null;
  carrier: string;
  trackingNumber: string;
  trackingUrl: string | null;
  lines: UnitLine[];
}

function intro(p: ExchangeShippedProps): string {
  const of = p.returnNumber ? ` for return ${p.returnNumber}` : "";
  return `The replacement${of} left our warehouse with ${p.carrier}.`;
}

/** The new line of an exchange ships as its own parcel (#19). */
export const exchangeShippedEmail = defineTemplate<ExchangeShippedProps>({
  name: "exchange-shipped",
  subject: (p) => `Order ${p.number}: your exchange is on its way`,
  Body: ({ data, config }) => (
    <Layout config={config} title={`Order ${data.number}: your exchange is on its way`}>
      <Paragraph>{intro(data)}</Paragraph>
      <UnitList lines={data.lines} />
      <Paragraph>
        Tracking number: <strong>{data.trackingNumber}</strong> ({data.carrier})
      </Paragraph>
      {data.trackingUrl ? <Button href={data.trackingUrl}>Track your parcel</Button> : null}
      <Paragraph>
        <a href={storefrontLinks(config.storefrontUrl).order(data.orderId)}>View your order</a>
      </Paragraph>
    </Layout>
  ),
  text: (data, c) =>
    textLayout(c, `Order ${data.number}: your exchange is on its way`, [
      intro(data),
      "",
      ...data.lines.map((l) => `- ${unitLine(l)}`),
      "",
      `Tracking number: ${data.trackingNumber} (${data.carrier})`,
      ...(data.trackingUrl ? [`Track your parcel: ${data.trackingUrl}`] : []),
      "",
      `View your order: ${storefrontLinks(c.storefrontUrl).order(data.orderId)}`,
    ]),
});
