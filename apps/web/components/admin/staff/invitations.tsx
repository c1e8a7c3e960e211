"use client";
import type { RoleDefinition } from "@mercato/access";
import { useMercato } from "@mercato/client/react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, Select } from "@/components/ui/field.tsx";
import { Empty, ErrorNote } from "@/components/ui/states.tsx";
import { errorMessage } from "@/lib/admin/errors.ts";
import { useRefresh } from "@/lib/admin/use-submit.ts";
import { DataTable } from "../data-table.tsx";
import { queryState } from "../query-state.tsx";

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** /admin/staff: invite someone by email to a staff role, and the pending invitations (#20). */
export function StaffInvitations({ roles }: { roles: RoleDefinition[] }) {
  const m = useMercato();
  const pending = useQuery(m.identity.admin.staff.invitations.queryOptions());
  const refresh = useRefresh(m.identity.admin.staff.pathFilter());
  const [sent, setSent] = useState<string | null>(null);
  const invite = useMutation(
    m.identity.admin.staff.invite.mutationOptions({
      onSuccess: async (inv) => {
        setSent(inv.email);
        await refresh();
      },
    }),
  );
  const revoke = useMutation(m.identity.admin.staff.revoke.mutationOptions({ onSuccess: refresh }));
  const staffRoles = roles.filter((r) => r.id !== "customer");
  const items = pending.data ?? [];
  const failure = invite.error ?? revoke.error;

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setSent(null);
    invite.mutate({ email: String(form.get("email")), role: String(form.get("invite-role")) });
  }

  return (
    <section aria-labelledby="invite-heading" className="space-y-3">
      <h2 id="invite-heading" className="text-sm font-semibold text-neutral-800">
        Invite staff
      </h2>
      <form onSubmit={submit} aria-label="Invite staff" className="grid gap-3 sm:grid-cols-3 sm:items-end">
        <Field label="Email" name="email" type="email" autoComplete="off" required />
        <Select label="Role" name="invite-role" id="invite-role" defaultValue="fulfilment" required>
          {staffRoles.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </Select>
        <Button type="submit" disabled={invite.isPending}>
          {invite.isPending ? "Inviting…" : "Invite"}
        </Button>
      </form>
      {sent ? (
        <p role="status" className="text-sm text-neutral-700">
          Invitation sent to {sent}.
        </p>
      ) : null}
      {failure ? <ErrorNote>{errorMessage(failure)}</ErrorNote> : null}
      {queryState(pending, {
        loading: "Loading invitations",
        empty: items.length === 0 ? <Empty title="No pending invitations" /> : undefined,
      }) ?? (
        <DataTable
          label="Pending invitations"
          rows={items}
          rowKey={(i) => i.id}
          columns={[
            { header: "Email", cell: (i) => i.email },
            { header: "Role", cell: (i) => roles.find((r) => r.id === i.role)?.label ?? i.role },
            { header: "Expires", className: "text-neutral-600", cell: (i) => utc(i.expiresAt) },
            {
              header: "",
              cell: (i) => (
                <Button
                  variant="secondary"
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate({ id: i.id })}
                  aria-label={`Revoke the invitation of ${i.email}`}
                >
                  Revoke
                </Button>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
