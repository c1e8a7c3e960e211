import { Button, Layout, Paragraph, textLayout } from "./layout.tsx";
import { defineTemplate } from "./template.ts";

type Props = { url: string; reason: string; endpointId: string };

function summary(p: Props): string {
  return `Mercato stopped sending webhooks to ${p.url}: ${p.reason}. Events for it wait until you turn it back on.`;
}

const adminLink = (storefrontUrl: string, id: string) =>
  `${storefrontUrl.replace(/\/$/, "")}/admin/webhooks/${encodeURIComponent(id)}`;

/** To staff (#24): an endpoint was turned off after sustained failure. */
export const webhookDisabledEmail = defineTemplate<Props>({
  name: "webhook-disabled",
  subject: (p, c) => `[${c.shopName}] Webhook endpoint disabled: ${p.url}`,
  Body: ({ data, config }) => (
    <Layout config={config} title="Webhook endpoint disabled">
      <Paragraph>{summary(data)}</Paragraph>
      <Button href={adminLink(config.storefrontUrl, data.endpointId)}>Open the endpoint</Button>
    </Layout>
  ),
  text: (data, c) =>
    textLayout(c, "Webhook endpoint disabled", [
      summary(data),
      "",
      `Open the endpoint: ${adminLink(c.storefrontUrl, data.endpointId)}`,
    ]),
});
