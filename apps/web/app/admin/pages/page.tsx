import { PageHeader } from "@/components/admin/page-header.tsx";
import { LegalPagesEditor } from "@/components/admin/pages/legal-pages-editor.tsx";

export const metadata = { title: "Legal pages" };

export default function LegalPagesAdmin() {
  return (
    <>
      <PageHeader
        title="Legal pages"
        description="Terms, privacy, returns and imprint, in Markdown. The shop shows HTML typed here as text."
      />
      <LegalPagesEditor />
    </>
  );
}
