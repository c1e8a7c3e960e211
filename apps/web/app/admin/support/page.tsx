import { PageHeader } from "@/components/admin/page-header.tsx";
import { SupportInbox } from "@/components/admin/support/support-inbox.tsx";

export const metadata = { title: "Support" };

export default function SupportPage() {
  return (
    <>
      <PageHeader
        title="Support"
        description="Shoppers' questions, live. Answers reach them at once, or by email when they are away."
      />
      <SupportInbox />
    </>
  );
}
