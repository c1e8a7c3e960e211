import { can } from "@mercato/access";
import { forbidden } from "next/navigation";
import { PageHeader } from "@/components/admin/page-header.tsx";
import { SystemHealth } from "@/components/admin/system/system-health.tsx";
import { adminAccess } from "@/lib/admin/access.ts";

export const metadata = { title: "System health" };

export default async function SystemPage() {
  const access = await adminAccess();
  if (access.kind !== "admin" || !can(access.access, "settings.write")) forbidden();
  return (
    <>
      <PageHeader
        title="System health"
        description="Every service's readiness, version, memory, event loop, outbox, consumers and dead letters, and the gateway's circuit breakers. Live."
      />
      <SystemHealth />
    </>
  );
}
