"use client";
import { DISCOUNT_KINDS, type DiscountKind } from "@mercato/cart/contract";
import { useMercato } from "@mercato/client/react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, Select } from "@/components/ui/field.tsx";
import { Money } from "@/components/ui/money.tsx";
import { Badge, Empty, ErrorNote } from "@/components/ui/states.tsx";
import { type CodeDraft, draftOfCode, emptyCode, toCodeRule } from "@/lib/admin/discount-draft.ts";
import { errorMessage, type FormErrors, formErrors, noErrors } from "@/lib/admin/errors.ts";
import { formatDate } from "@/lib/admin/format.ts";
import { Card, rowClass, Table, theadClass } from "../page-header.tsx";
import { queryState } from "../query-state.tsx";

const KIND_LABELS: Record<DiscountKind, string> = { percent: "Percent off", fixed: "Fixed amount off" };

function CodeForm({ initial, editing, onDone }: { initial: CodeDraft; editing: boolean; onDone: () => void }) {
  const m = useMercato();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const create = useMutation(m.cart.admin.codes.create.mutationOptions());
  const update = useMutation(m.cart.admin.codes.update.mutationOptions());
  const set = <K extends keyof CodeDraft>(key: K, value: CodeDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const checked = toCodeRule(draft);
    if (!checked.ok) {
      setErrors({ form: null, fields: checked.errors });
      return;
    }
    setErrors(noErrors);
    try {
      if (editing) await update.mutateAsync(checked.rule);
      else await create.mutateAsync(checked.rule);
      await queryClient.invalidateQueries(m.cart.admin.codes.pathFilter());
      onDone();
    } catch (failure) {
      setErrors(formErrors(failure));
    }
  }

  const f = errors.fields;
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Field
        label="Code"
        name="code"
        value={draft.code}
        disabled={editing}
        error={f.code}
        onChange={(e) => set("code", e.target.value.toUpperCase())}
      />
      <div className="grid grid-cols-2 gap-3">
        <Select
          label="Kind"
          name="kind"
          value={draft.kind}
          onChange={(e) => set("kind", e.target.value as DiscountKind)}
        >
          {DISCOUNT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </Select>
        <Field
          label={draft.kind === "percent" ? "Percent" : "Amount"}
          name="value"
          inputMode="decimal"
          value={draft.value}
          error={f.value}
          onChange={(e) => set("value", e.target.value)}
        />
      </div>
      <Field
        label="Minimum subtotal"
        name="minSubtotal"
        inputMode="decimal"
        placeholder="0.00"
        value={draft.minSubtotal}
        error={f.minSubtotal}
        onChange={(e) => set("minSubtotal", e.target.value)}
      />
      <div className="grid grid-cols-2 gap-3">
        <Field
          label="First day (UTC)"
          name="startsAt"
          type="date"
          value={draft.startsAt}
          error={f.startsAt}
          onChange={(e) => set("startsAt", e.target.value)}
        />
        <Field
          label="Last day (UTC)"
          name="endsAt"
          type="date"
          value={draft.endsAt}
          error={f.endsAt}
          onChange={(e) => set("endsAt", e.target.value)}
        />
      </div>
      <Field
        label="Usage limit"
        name="usageLimit"
        type="number"
        min={1}
        placeholder="Unlimited"
        value={draft.usageLimit}
        error={f.usageLimit}
        onChange={(e) => set("usageLimit", e.target.value)}
      />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          className="h-4 w-4 accent-brand-600"
          checked={draft.oncePerCustomer}
          onChange={(e) => set("oncePerCustomer", e.target.checked)}
        />
        Once per customer
      </label>
      {errors.form ? <ErrorNote>{errors.form}</ErrorNote> : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={create.isPending || update.isPending}>
          {editing ? "Save code" : "Create code"}
        </Button>
        {editing ? (
          <Button variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

export function DiscountManager() {
  const m = useMercato();
  const queryClient = useQueryClient();
  const codes = useQuery(m.cart.admin.codes.list.queryOptions());
  const [editing, setEditing] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const onSuccess = () => queryClient.invalidateQueries(m.cart.admin.codes.pathFilter());
  const deactivate = useMutation(m.cart.admin.codes.deactivate.mutationOptions({ onSuccess }));
  const reactivate = useMutation(m.cart.admin.codes.update.mutationOptions({ onSuccess }));
  const current = codes.data?.find((c) => c.code === editing);
  const failure = deactivate.error ?? reactivate.error;

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="space-y-3">
        {failure ? <ErrorNote>{errorMessage(failure)}</ErrorNote> : null}
        {queryState(codes, {
          empty: codes.data?.length === 0 ? <Empty title="No discount codes yet" /> : undefined,
        }) ?? (
          <Table label="Discount codes">
            <thead className={theadClass}>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Discount</th>
                <th scope="col">Valid</th>
                <th scope="col" className="text-right">
                  Used
                </th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(codes.data ?? []).map((c) => (
                <tr key={c.code} className={`${rowClass} ${c.code === editing ? "bg-brand-50" : ""}`}>
                  <td className="font-mono text-xs font-semibold">{c.code}</td>
                  <td>
                    {c.kind === "percent" ? `${c.value}%` : <Money amount={c.value} currency="EUR" />}
                    {c.minSubtotal > 0 ? (
                      <span className="block text-xs text-neutral-500">
                        from <Money amount={c.minSubtotal} currency="EUR" />
                      </span>
                    ) : null}
                    {c.oncePerCustomer ? (
                      <span className="block text-xs text-neutral-500">once per customer</span>
                    ) : null}
                  </td>
                  <td className="whitespace-nowrap text-xs text-neutral-600">
                    {c.startsAt || c.endsAt
                      ? `${formatDate(c.startsAt)} – ${c.endsAt ? formatDate(new Date(c.endsAt.getTime() - 1)) : "…"}`
                      : "Always"}
                  </td>
                  <td className="text-right tabular-nums" data-testid={`used-${c.code}`}>
                    {c.used}
                    {c.usageLimit !== null ? <span className="text-neutral-400"> / {c.usageLimit}</span> : null}
                  </td>
                  <td>{c.active ? <Badge tone="green">Active</Badge> : <Badge>Inactive</Badge>}</td>
                  <td className="whitespace-nowrap text-right">
                    <Button variant="ghost" onClick={() => setEditing(c.code)} aria-label={`Edit ${c.code}`}>
                      Edit
                    </Button>
                    {c.active ? (
                      <Button
                        variant="ghost"
                        className="text-red-700"
                        disabled={deactivate.isPending}
                        onClick={() => deactivate.mutate({ code: c.code })}
                        aria-label={`Deactivate ${c.code}`}
                      >
                        Deactivate
                      </Button>
                    ) : (
                      <Button
                        variant="ghost"
                        disabled={reactivate.isPending}
                        onClick={() => reactivate.mutate({ code: c.code, active: true })}
                        aria-label={`Activate ${c.code}`}
                      >
                        Activate
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>
      <Card title={current ? `Edit ${current.code}` : "New code"}>
        {current ? (
          <CodeForm
            key={`edit-${current.code}-${String(current.updatedAt)}`}
            initial={draftOfCode(current)}
            editing
            onDone={() => setEditing(null)}
          />
        ) : (
          <CodeForm
            key={`new-${formKey}`}
            initial={emptyCode()}
            editing={false}
            onDone={() => setFormKey((k) => k + 1)}
          />
        )}
      </Card>
    </div>
  );
}
