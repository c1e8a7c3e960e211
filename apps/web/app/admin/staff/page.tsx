import { PageHeader } from "@/components/admin/page-header.tsx";
import { StaffManager } from "@/components/admin/staff/staff-manager.tsx";

export const metadata = { title: "Staff" };

export default function StaffPage() {
  return (
    <>
      <PageHeader title="Staff" description="Who works on the shop, their roles, and the roles you compose." />
      <StaffManager />
    </>
  );
}
