"use client";
import { useMercato } from "@mercato/client/react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Empty, ErrorNote } from "@/components/ui/states.tsx";
import { errorMessage } from "@/lib/admin/errors.ts";
import { useRefresh, useSubmit } from "@/lib/admin/use-submit.ts";
import { Card } from "../page-header.tsx";
import { queryState } from "../query-state.tsx";

/** Customer groups (#27, identity): create one, add a customer by email, take one out. */
export function CustomerGroups() {
  const m = useMercato();
  const groups = useQuery(m.identity.admin.groups.list.queryOptions());
  const refresh = useRefresh(m.identity.admin.groups.pathFilter());
  const save = useMutation(m.identity.admin.groups.save.mutationOptions());
  const add = useMutation(m.identity.admin.groups.addMember.mutationOptions());
  const remove = useMutation(m.identity.admin.groups.removeMember.mutationOptions({ onSuccess: refresh }));
  const created = useSubmit();
  const added = useSubmit();
  const [group, setGroup] = useState({ id: "", name: "" });
  const [member, setMember] = useState({ groupId: "", email: "" });

  function onCreate(e: FormEvent) {
    e.preventDefault();
    void created.submit(async () => {
      await save.mutateAsync(group);
      await refresh();
      setGroup({ id: "", name: "" });
    });
  }
  function onAdd(e: FormEvent) {
    e.preventDefault();
    void added.submit(async () => {
      await add.mutateAsync(member);
      await refresh();
      setMember((m) => ({ ...m, email: "" }));
    });
  }

  return (
    <Card title="Customer groups">
      <div className="space-y-4">
        {remove.error ? <ErrorNote>{errorMessage(remove.error)}</ErrorNote> : null}
        {queryState(groups, {
          empty: groups.data?.length === 0 ? <Empty title="No customer groups yet" /> : undefined,
        }) ?? (
          <ul className="space-y-3" aria-label="Customer groups">
            {groups.data?.map((g) => (
              <li key={g.id} className="rounded-lg border border-neutral-200 p-3">
                <div className="font-medium">
                  {g.name} <span className="font-mono text-xs text-neutral-500">{g.id}</span>
                </div>
                {g.members.length === 0 ? (
                  <p className="text-xs text-neutral-500">No members</p>
                ) : (
                  <ul className="mt-1 space-y-1 text-sm">
                    {g.members.map((u) => (
                      <li key={u.userId} className="flex items-center justify-between gap-2">
                        <span>{u.email}</span>
                        <Button
                          variant="ghost"
                          onClick={() => remove.mutate({ userId: u.userId })}
                          aria-label={`Remove ${u.email} from ${g.name}`}
                        >
                          Remove
                        </Button>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={onCreate} noValidate className="grid grid-cols-2 gap-3">
          <Field
            label="Group id"
            name="group-id"
            value={group.id}
            error={created.errors.fields.id}
            onChange={(e) => setGroup({ ...group, id: e.target.value })}
          />
          <Field
            label="Group name"
            name="group-name"
            value={group.name}
            error={created.errors.fields.name}
            onChange={(e) => setGroup({ ...group, name: e.target.value })}
          />
          {created.errors.form ? <ErrorNote>{created.errors.form}</ErrorNote> : null}
          <Button type="submit" disabled={save.isPending}>
            Save group
          </Button>
        </form>
        <form onSubmit={onAdd} noValidate className="grid grid-cols-2 gap-3">
          <Field
            label="Group id"
            name="member-group"
            value={member.groupId}
            error={added.errors.fields.groupId}
            onChange={(e) => setMember({ ...member, groupId: e.target.value })}
          />
          <Field
            label="Customer email"
            name="member-email"
            type="email"
            value={member.email}
            error={added.errors.fields.email}
            onChange={(e) => setMember({ ...member, email: e.target.value })}
          />
          {added.errors.form ? <ErrorNote>{added.errors.form}</ErrorNote> : null}
          <Button type="submit" disabled={add.isPending}>
            Add to group
          </Button>
        </form>
      </div>
    </Card>
  );
}
