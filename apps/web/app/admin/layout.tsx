import type { Metadata } from "next";
import { forbidden, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AdminShell } from "@/components/admin/shell.tsx";
import { adminAccess } from "@/lib/admin/access.ts";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin" }, robots: { index: false } };
// Access depends on the request's session: never prerendered or cached.
export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const access = await adminAccess();
  if (access.kind === "signed-out") redirect("/account/sign-in?next=/admin");
  if (access.kind === "forbidden") forbidden();
  return (
    <AdminShell user={access.user} access={access.access}>
      {children}
    </AdminShell>
  );
}
