import { PageHeader } from "@/components/admin/page-header.tsx";
import { ReviewQueue } from "@/components/admin/reviews/review-queue.tsx";

export const metadata = { title: "Reviews" };

export default function ReviewsAdmin() {
  return (
    <>
      <PageHeader
        title="Reviews"
        description="Shoppers' reviews waiting for approval, and reviews shoppers reported. A rejection's reason goes to its author; a reply shows under the review."
      />
      <ReviewQueue />
    </>
  );
}
