"use client";
import { DISCOUNT_KINDS, type DiscountKind } from "@mercato/cart/contract";
import { useMercato } from "@mercato/client/react";
import { CURRENCIES, type Currency } from "@mercato/pricing";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, Select } from "@/components/ui/field.tsx";
import { Money } from "@/components/ui/money.tsx";
import { Badge, Empty, ErrorNote } from "@/components/ui/states.tsx";
import { type CodeDraft, draftOfCode, emptyCode, toCodeRule } from "@/lib/admin/discount-draft.ts";
import { fieldBinder } from "@/lib/admin/draft-fields.ts";
import { errorMessage } from "@/lib/admin/errors.ts";
import { formatDate } from "@/lib/admin/format.ts";
import { fromMinorUnits } from "@/lib/admin/money.ts";
import { useRefresh, useSubmit } from "@/lib/admin/use-submit.ts";
import { DataTable } from "../data-table.tsx";
import { queryState } from "../query-state.tsx";
import { RowEditorLayout, RowFormButtons, useRowEditor } from "../row-editor.tsx";

const KIND_LABELS: Record<DiscountKind, string> = { percent: "Percent off", fixed: "Fixed amount off" };

function CodeForm({ initial, editing, onDone }: { initial: CodeDraft; editing: boolean; onDone: () => void }) {
  const m = useMercato();
  const [draft, setDraft] = useState(initial);
  const { errors, submit } = useSubmit();
  const refresh = useRefresh(m.cart.admin.codes.pathFilter());
  const create = useMutation(m.cart.admin.codes.create.mutationOptions());
  const update = useMutation(m.cart.admin.codes.update.mutationOptions());
  const set = <K extends keyof CodeDraft>(key: K, value: CodeDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const bind = fieldBinder(draft, errors.fields, set);

  function save(e: FormEvent) {
    e.preventDefault();
    const checked = toCodeRule(draft);
    void submit(
      async () => {
        if (!checked.ok) return;
        await (editing ? update : create).mutateAsync(checked.rule);
        await refresh();
        onDone();
      },
      checked.ok ? {} : checked.errors,
    );
  }

  return (
    <form onSubmit={save} noValidate className="space-y-4">
      <Field
        label="Code"
        {...bind("code")}
        disabled={editing}
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
        <Field label={draft.kind === "percent" ? "Percent" : "Amount"} inputMode="decimal" {...bind("value")} />
      </div>
      {draft.kind === "fixed" ? (
        <Select
          label="Currency of the amount"
          name="currency"
          value={draft.currency}
          error={errors.fields.currency}
          onChange={(e) => set("currency", e.target.value as Currency)}
        >
          {CURRENCIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </Select>
      ) : null}
      <Field
        label={draft.kind === "fixed" ? `Minimum subtotal (${draft.currency})` : "Minimum subtotal"}
        inputMode="decimal"
        placeholder="0.00"
        hint={draft.kind === "fixed" ? undefined : "In the cart's currency, whichever it is."}
        {...bind("minSubtotal")}
      />
      <div className="grid grid-cols-2 gap-3">
        <Field label="First day (UTC)" type="date" {...bind("startsAt")} />
        <Field label="Last day (UTC)" type="date" {...bind("endsAt")} />
      </div>
      <Field label="Usage limit" type="number" min={1} placeholder="Unlimited" {...bind("usageLimit")} />
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
      <RowFormButtons
        editing={editing}
        pending={create.isPending || update.isPending}
        saveLabel="Save code"
        createLabel="Create code"
        onCancel={onDone}
      />
    </form>
  );
}

export function DiscountManager() {
  const m = useMercato();
  const codes = useQuery(m.cart.admin.codes.list.queryOptions());
  const rowEditor = useRowEditor(
    codes.data,
    (c) => c.code,
    (c) => String(c.updatedAt),
  );
  const onSuccess = useRefresh(m.cart.admin.codes.pathFilter());
  const deactivate = useMutation(m.cart.admin.codes.deactivate.mutationOptions({ onSuccess }));
  const reactivate = useMutation(m.cart.admin.codes.update.mutationOptions({ onSuccess }));
  const { current } = rowEditor;
  const failure = deactivate.error ?? reactivate.error;

  return (
    <RowEditorLayout
      formWidth="22rem"
      formTitle={current ? `Edit ${current.code}` : "New code"}
      form={
        current ? (
          <CodeForm key={rowEditor.formKey} initial={draftOfCode(current)} editing onDone={rowEditor.close} />
        ) : (
          <CodeForm key={rowEditor.formKey} initial={emptyCode()} editing={false} onDone={rowEditor.reset} />
        )
      }
      list={
        <>
          {failure ? <ErrorNote>{errorMessage(failure)}</ErrorNote> : null}
          {queryState(codes, {
            empty: codes.data?.length === 0 ? <Empty title="No discount codes yet" /> : undefined,
          }) ?? (
            <DataTable
              label="Discount codes"
              rows={codes.data ?? []}
              rowKey={(c) => c.code}
              rowClassName={(c) => (c.code === rowEditor.editing ? "bg-brand-50" : "")}
              columns={[
                { header: "Code", className: "font-mono text-xs font-semibold", cell: (c) => c.code },
                {
                  header: "Discount",
                  cell: (c) => (
                    <>
                      {c.kind === "fixed" && c.currency ? (
                        <Money amount={c.value} currency={c.currency} />
                      ) : (
                        `${c.value}%`
                      )}
                      {c.minSubtotal > 0 ? (
                        <span className="block text-xs text-neutral-500">
                          from{" "}
                          {c.currency ? (
                            <Money amount={c.minSubtotal} currency={c.currency} />
                          ) : (
                            `${fromMinorUnits(c.minSubtotal)} in the cart's currency`
                          )}
                        </span>
                      ) : null}
                      {c.oncePerCustomer ? (
                        <span className="block text-xs text-neutral-500">once per customer</span>
                      ) : null}
                    </>
                  ),
                },
                {
                  header: "Valid",
                  className: "whitespace-nowrap text-xs text-neutral-600",
                  cell: (c) =>
                    c.startsAt || c.endsAt
                      ? `${formatDate(c.startsAt)} – ${c.endsAt ? formatDate(new Date(c.endsAt.getTime() - 1)) : "…"}`
                      : "Always",
                },
                {
                  header: "Used",
                  numeric: true,
                  cell: (c) => (
                    <span data-testid={`used-${c.code}`}>
                      {c.used}
                      {c.usageLimit !== null ? <span className="text-neutral-500"> / {c.usageLimit}</span> : null}
                    </span>
                  ),
                },
                {
                  header: "Status",
                  cell: (c) => (c.active ? <Badge tone="green">Active</Badge> : <Badge>Inactive</Badge>),
                },
                {
                  header: "Actions",
                  hiddenHeader: true,
                  className: "whitespace-nowrap text-right",
                  cell: (c) => (
                    <>
                      <Button variant="ghost" onClick={() => rowEditor.edit(c.code)} aria-label={`Edit ${c.code}`}>
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
                    </>
                  ),
                },
              ]}
            />
          )}
        </>
      }
    />
  );
}
