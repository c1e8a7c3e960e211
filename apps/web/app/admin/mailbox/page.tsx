import { MailboxView } from "@/components/admin/mailbox/mailbox-view.tsx";
import { PageHeader } from "@/components/admin/page-header.tsx";

export const metadata = { title: "Mailbox" };

export default function MailboxPage() {
  return (
    <>
      <PageHeader title="Mailbox" description="Every email the platform sent or tried to send, newest first." />
      <MailboxView />
    </>
  );
}
