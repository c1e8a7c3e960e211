import { AlertsView } from "@/components/admin/alerts/alerts-view.tsx";
import { PageHeader } from "@/components/admin/page-header.tsx";

export const metadata = { title: "Alerts" };

export default function AlertsPage() {
  return (
    <>
      <PageHeader
        title="Alerts"
        description="Live staff alerts: low stock, payment-failure spikes, stuck orders and dead-lettered events."
      />
      <AlertsView />
    </>
  );
}
