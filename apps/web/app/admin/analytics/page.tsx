import { AnalyticsView } from "@/components/admin/analytics/analytics-view.tsx";
import { PageHeader } from "@/components/admin/page-header.tsx";

export const metadata = { title: "Analytics" };

export default function AnalyticsPage() {
  return (
    <>
      <PageHeader
        title="Analytics"
        description="What sells, what is searched and not found, and where carts are dropped — per UTC day, in one currency at a time, against the period before."
      />
      <AnalyticsView />
    </>
  );
}
