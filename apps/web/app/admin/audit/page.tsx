import { AuditView } from "@/components/admin/audit/audit-view.tsx";
import { PageHeader } from "@/components/admin/page-header.tsx";

export const metadata = { title: "Audit log" };

export default function AuditPage() {
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every staff action that changed money, stock or access: who, what, when, before and after. Times in UTC."
      />
      <AuditView />
    </>
  );
}
