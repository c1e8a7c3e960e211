"use client";
import { PERMISSION_IDS, PERMISSIONS, type Permission, type RoleDefinition } from "@mercato/access";
import { useMercato } from "@mercato/client/react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, Select } from "@/components/ui/field.tsx";
import { Badge, Empty, ErrorNote } from "@/components/ui/states.tsx";
import { errorMessage } from "@/lib/admin/errors.ts";
import { useRefresh } from "@/lib/admin/use-submit.ts";
import { DataTable } from "../data-table.tsx";
import { Card } from "../page-header.tsx";
import { queryState } from "../query-state.tsx";
import { StaffInvitations } from "./invitations.tsx";

/** /admin/staff (staff.manage): the staff list with role changes, and the roles editor. */
export function StaffManager() {
  const m = useMercato();
  const staff = useQuery(m.identity.admin.users.list.queryOptions({ staff: true, limit: 100 }));
  const roles = useQuery(m.identity.admin.roles.list.queryOptions());
  const refresh = useRefresh(m.identity.admin.users.pathFilter(), m.identity.admin.roles.pathFilter());
  const setRole = useMutation(m.identity.admin.users.setRole.mutationOptions({ onSuccess: refresh }));
  const members = staff.data?.items ?? [];
  const roleList = roles.data ?? [];

  return (
    <div className="space-y-8">
      <section aria-labelledby="staff-heading" className="space-y-3">
        <h2 id="staff-heading" className="text-sm font-semibold text-neutral-800">
          Staff members
        </h2>
        {setRole.error ? <ErrorNote>{errorMessage(setRole.error)}</ErrorNote> : null}
        {queryState(staff, {
          loading: "Loading staff",
          empty: members.length === 0 ? <Empty title="No staff yet" /> : undefined,
        }) ?? (
          <DataTable
            label="Staff members"
            rows={members}
            rowKey={(u) => u.id}
            columns={[
              { header: "Name", cell: (u) => u.name || "—" },
              { header: "Email", className: "text-neutral-600", cell: (u) => u.email },
              {
                header: "Role",
                cell: (u) => (
                  <Select
                    label={`Role of ${u.email}`}
                    name={`role-${u.id}`}
                    value={u.role}
                    disabled={setRole.isPending}
                    onChange={(e) => setRole.mutate({ userId: u.id, role: e.target.value })}
                  >
                    {roleList.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.label}
                      </option>
                    ))}
                  </Select>
                ),
              },
              {
                header: "",
                cell: (u) => (
                  <Button
                    variant="secondary"
                    disabled={setRole.isPending}
                    onClick={() => setRole.mutate({ userId: u.id, role: "customer" })}
                  >
                    Remove from staff
                  </Button>
                ),
              },
            ]}
          />
        )}
      </section>
      <StaffInvitations roles={roleList} />
      <RolesEditor roles={roleList} onSaved={refresh} />
    </div>
  );
}

const EMPTY_DRAFT = { id: "", label: "", permissions: [] as Permission[], refundLimit: "" };

function RolesEditor({ roles, onSaved }: { roles: RoleDefinition[]; onSaved: () => Promise<void> }) {
  const m = useMercato();
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  const save = useMutation(
    m.identity.admin.roles.save.mutationOptions({
      onSuccess: async () => {
        setDraft(EMPTY_DRAFT);
        await onSaved();
      },
    }),
  );
  const remove = useMutation(m.identity.admin.roles.delete.mutationOptions({ onSuccess: onSaved }));
  const limit = useMutation(m.identity.admin.roles.setSupportRefundLimit.mutationOptions({ onSuccess: onSaved }));
  const support = roles.find((r) => r.id === "support");
  const [supportLimit, setSupportLimit] = useState<string | null>(null);
  const failure = save.error ?? remove.error ?? limit.error;

  const toggle = (p: Permission) =>
    setDraft((d) => ({
      ...d,
      permissions: d.permissions.includes(p) ? d.permissions.filter((x) => x !== p) : [...d.permissions, p],
    }));

  return (
    <section aria-labelledby="roles-heading" className="space-y-3">
      <h2 id="roles-heading" className="text-sm font-semibold text-neutral-800">
        Roles
      </h2>
      {failure ? <ErrorNote>{errorMessage(failure)}</ErrorNote> : null}
      <DataTable
        label="Roles"
        rows={roles}
        rowKey={(r) => r.id}
        columns={[
          {
            header: "Role",
            cell: (r) => (
              <span className="flex items-center gap-2">
                <span className="font-medium">{r.label}</span>
                {r.builtIn ? <Badge tone="neutral">built-in</Badge> : <Badge tone="blue">custom</Badge>}
                {r.scope === "own" ? <Badge tone="amber">own records</Badge> : null}
              </span>
            ),
          },
          {
            header: "Permissions",
            className: "text-xs text-neutral-600",
            cell: (r) => (r.permissions.length === 0 ? "—" : r.permissions.join(", ")),
          },
          {
            header: "",
            cell: (r) =>
              r.builtIn ? null : (
                <span className="flex gap-2">
                  <Button
                    variant="secondary"
                    onClick={() =>
                      setDraft({
                        id: r.id,
                        label: r.label,
                        permissions: [...r.permissions],
                        refundLimit: r.refundLimit === null ? "" : String(r.refundLimit),
                      })
                    }
                  >
                    Edit
                  </Button>
                  <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate({ id: r.id })}>
                    Delete
                  </Button>
                </span>
              ),
          },
        ]}
      />
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-2">
        <Card title="Custom role">
          <form
            className="space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate({
                id: draft.id.trim(),
                label: draft.label.trim(),
                permissions: draft.permissions,
                refundLimit: draft.refundLimit.trim() === "" ? null : Number(draft.refundLimit),
              });
            }}
          >
            <Field
              label="Id"
              name="roleId"
              value={draft.id}
              hint="Lower-case letters, digits and _, e.g. night_shift"
              onChange={(e) => setDraft((d) => ({ ...d, id: e.target.value }))}
            />
            <Field
              label="Name"
              name="roleLabel"
              value={draft.label}
              onChange={(e) => setDraft((d) => ({ ...d, label: e.target.value }))}
            />
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium text-neutral-800">Permissions</legend>
              {PERMISSION_IDS.map((p) => (
                <label key={p} className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="mt-1"
                    checked={draft.permissions.includes(p)}
                    onChange={() => toggle(p)}
                  />
                  <span>
                    <code className="text-xs">{p}</code> — {PERMISSIONS[p]}
                  </span>
                </label>
              ))}
            </fieldset>
            <Field
              label="Refund limit (minor units, empty = none)"
              name="roleRefundLimit"
              inputMode="numeric"
              value={draft.refundLimit}
              onChange={(e) => setDraft((d) => ({ ...d, refundLimit: e.target.value }))}
            />
            <Button type="submit" disabled={save.isPending}>
              Save role
            </Button>
          </form>
        </Card>
        <Card title="Support's refund limit">
          <form
            className="space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              const text = (supportLimit ?? "").trim();
              limit.mutate({ refundLimit: text === "" ? null : Number(text) });
            }}
          >
            <Field
              label="Largest refund (minor units, empty = no limit)"
              name="supportRefundLimit"
              inputMode="numeric"
              value={supportLimit ?? (support?.refundLimit === null ? "" : String(support?.refundLimit ?? ""))}
              onChange={(e) => setSupportLimit(e.target.value)}
            />
            <Button type="submit" disabled={limit.isPending}>
              Save limit
            </Button>
          </form>
        </Card>
      </div>
    </section>
  );
}
