"use client";
import { BUILT_IN_ROLES } from "@mercato/access";
import { useMercato } from "@mercato/client/react";
import { ROLES, type Role } from "@mercato/identity/contract";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, Select } from "@/components/ui/field.tsx";
import { Badge, ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { errorMessage } from "@/lib/admin/errors.ts";
import { formatDateTime } from "@/lib/admin/format.ts";
import { useRefresh } from "@/lib/admin/use-submit.ts";
import { OrderList } from "../orders/order-list.tsx";
import { Card, PageHeader } from "../page-header.tsx";
import { Can } from "../staff-access.tsx";

const ROLE_LABELS: Record<string, string> = Object.fromEntries(ROLES.map((id) => [id, BUILT_IN_ROLES[id].label]));

export function CustomerDetail({ userId }: { userId: string }) {
  const m = useMercato();
  const user = useQuery(m.identity.admin.users.byId.queryOptions({ userId }));
  const [banReason, setBanReason] = useState("");
  const onSuccess = useRefresh(m.identity.admin.users.pathFilter());
  const setRole = useMutation(m.identity.admin.users.setRole.mutationOptions({ onSuccess }));
  const ban = useMutation(m.identity.admin.users.ban.mutationOptions({ onSuccess }));
  const unban = useMutation(m.identity.admin.users.unban.mutationOptions({ onSuccess }));
  const failure = setRole.error ?? ban.error ?? unban.error;

  if (user.isError) return <ErrorNote>{errorMessage(user.error)}</ErrorNote>;
  if (!user.data) return <Spinner label="Loading customer" />;
  const u = user.data;
  return (
    <>
      <PageHeader
        title={u.name || u.email}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span>{u.email}</span>
            <Badge tone={u.role !== "customer" ? "blue" : "neutral"}>{u.role}</Badge>
            {u.banned ? <Badge tone="red">Banned</Badge> : null}
          </span>
        }
      />
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div>
          <h2 className="mb-3 text-sm font-semibold text-neutral-800">Orders</h2>
          <OrderList initial={{ customer: u.email }} fixedCustomer />
        </div>
        <div className="space-y-6">
          <Card title="Account">
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-neutral-500">Joined</dt>
              <dd>{formatDateTime(u.createdAt)}</dd>
              <dt className="text-neutral-500">Phone</dt>
              <dd>{u.phone ?? "—"}</dd>
              <dt className="text-neutral-500">Email verified</dt>
              <dd>{u.emailVerified ? "Yes" : "No"}</dd>
              {u.banned ? (
                <>
                  <dt className="text-neutral-500">Ban reason</dt>
                  <dd>{u.banReason ?? "—"}</dd>
                </>
              ) : null}
            </dl>
          </Card>
          <Can permission="staff.manage">
            <Card title="Role">
              <Select
                label="Role"
                name="role"
                value={u.role}
                disabled={setRole.isPending}
                onChange={(e) => setRole.mutate({ userId, role: e.target.value as Role })}
              >
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {ROLE_LABELS[role] ?? role}
                  </option>
                ))}
              </Select>
            </Card>
          </Can>
          <Can permission="customers.ban">
            <Card title={u.banned ? "Banned" : "Ban"}>
              {u.banned ? (
                <Button variant="secondary" disabled={unban.isPending} onClick={() => unban.mutate({ userId })}>
                  Unban
                </Button>
              ) : (
                <form
                  className="space-y-3"
                  onSubmit={(e) => {
                    e.preventDefault();
                    ban.mutate({ userId, reason: banReason.trim() || undefined });
                  }}
                >
                  <Field
                    label="Reason (optional)"
                    name="banReason"
                    value={banReason}
                    onChange={(e) => setBanReason(e.target.value)}
                    hint="Banning ends every session at once."
                  />
                  <Button type="submit" variant="danger" disabled={ban.isPending}>
                    Ban customer
                  </Button>
                </form>
              )}
            </Card>
          </Can>
          {failure ? <ErrorNote>{errorMessage(failure)}</ErrorNote> : null}
        </div>
      </div>
    </>
  );
}
