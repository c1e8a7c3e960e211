import { RETURN_STATUSES } from "@mercato/orders/contract";
import { ReturnsQueue } from "@/components/admin/orders/returns-queue.tsx";
import { PageHeader } from "@/components/admin/page-header.tsx";
import { knownValue } from "@/lib/orders/status.ts";

export const metadata = { title: "Returns" };

export default async function ReturnsPage(props: { searchParams: Promise<{ status?: string; q?: string }> }) {
  const params = await props.searchParams;
  return (
    <>
      <PageHeader
        title="Returns"
        description="Return requests, newest first: approve or reject them, then record what arrived on the order."
      />
      <ReturnsQueue
        initial={{
          status: knownValue(RETURN_STATUSES, params.status),
          q: typeof params.q === "string" ? params.q : undefined,
        }}
      />
    </>
  );
}
