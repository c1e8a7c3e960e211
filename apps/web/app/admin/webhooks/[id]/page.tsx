import { WebhookDetail } from "@/components/admin/webhooks/webhook-detail.tsx";

export const metadata = { title: "Webhook endpoint" };

export default async function WebhookEndpointPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  return <WebhookDetail endpointId={id} />;
}
