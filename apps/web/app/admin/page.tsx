import { Dashboard } from "@/components/admin/dashboard.tsx";
import { PageHeader } from "@/components/admin/page-header.tsx";

export const metadata = { title: "Dashboard" };

export default function AdminHome() {
  return (
    <>
      <PageHeader title="Dashboard" description="Today's trade, what needs doing, and orders as they happen." />
      <Dashboard />
    </>
  );
}
