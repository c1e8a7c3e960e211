import { PageHeader } from "@/components/admin/page-header.tsx";
import { SynonymsEditor } from "@/components/admin/search/synonyms-editor.tsx";

export const metadata = { title: "Search" };

export default function SearchAdmin() {
  return (
    <>
      <PageHeader
        title="Search"
        description="Synonyms: words the shop's search treats as the same. A change applies to the next search."
      />
      <SynonymsEditor />
    </>
  );
}
