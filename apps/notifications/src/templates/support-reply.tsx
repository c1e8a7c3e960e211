import { storefrontLinks } from "../domain/links.ts";
import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { defineTemplate } from "./template.ts";

/** What the email says of the answer: the first lines, as text (React escapes it; never HTML). */
type Props = { orderId: string | null; preview: string };

const link = (p: Props, base: string) =>
  p.orderId ? storefrontLinks(base).order(p.orderId) : storefrontLinks(base).support;

function summary(p: Props): string {
  return p.orderId ? "Our support team answered your question about your order." : "Our support team answered you.";
}

/** #22: support answered while the shopper was away (no live connection, not seen in time). */
export const supportReplyEmail = defineTemplate<Props>({
  name: "support-reply",
  subject: (_p, c) => `[${c.shopName}] Support answered your message`,
  Body: ({ data, config }) => (
    <Layout config={config} title="You have an answer">
      <Paragraph>{summary(data)}</Paragraph>
      <Paragraph>“{data.preview}”</Paragraph>
      <Button href={link(data, config.storefrontUrl)}>Read and reply</Button>
    </Layout>
  ),
  text: (data, c) =>
    textLayout(c, "You have an answer", [
      summary(data),
      "",
      `“${data.preview}”`,
      "",
      `Read and reply: ${link(data, c.storefrontUrl)}`,
    ]),
});
