import { CustomerList } from "@/components/admin/customers/customer-list.tsx";
import { ExportCsvLink } from "@/components/admin/export-csv-link.tsx";
import { PageHeader } from "@/components/admin/page-header.tsx";

export const metadata = { title: "Customers" };

export default function CustomersPage() {
  return (
    <>
      <PageHeader
        title="Customers"
        description="Everyone with an account."
        actions={<ExportCsvLink kind="customers" />}
      />
      <CustomerList />
    </>
  );
}
