import { PageHeader } from "@/components/admin/page-header.tsx";
import { WebhookList } from "@/components/admin/webhooks/webhook-list.tsx";

export const metadata = { title: "Webhooks" };

export default function WebhooksPage() {
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Signed HTTP calls (Standard Webhooks) to other systems when orders, products, stock and customers change."
      />
      <WebhookList />
    </>
  );
}
