"use client";
import { type PriceList, priceListState } from "@mercato/catalog/contract";
import { useMercato } from "@mercato/client/react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, Select } from "@/components/ui/field.tsx";
import { Money } from "@/components/ui/money.tsx";
import { Badge, Empty, ErrorNote } from "@/components/ui/states.tsx";
import { errorMessage } from "@/lib/admin/errors.ts";
import { formatDateTime } from "@/lib/admin/format.ts";
import { fromMinorUnits } from "@/lib/admin/money.ts";
import {
  draftOfPriceList,
  emptyPriceList,
  fieldOfRefusal,
  KIND_LABELS,
  PRICE_LIST_KINDS,
  type PriceListDraft,
  toPriceListInput,
} from "@/lib/admin/price-list-draft.ts";
import { useRefresh, useSubmit } from "@/lib/admin/use-submit.ts";
import { DataTable } from "../data-table.tsx";
import { queryState } from "../query-state.tsx";
import { RowEditorLayout, RowFormButtons, useRowEditor } from "../row-editor.tsx";

const textareaClass =
  "w-full rounded-lg border border-neutral-300 px-3 py-2 font-mono text-xs text-ink shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100";

function TextBox(props: {
  name: string;
  label: string;
  value: string;
  error?: string;
  hint: string;
  onChange: (v: string) => void;
}) {
  return (
    <label className="block text-sm" htmlFor={props.name}>
      <span className="mb-1 block font-medium text-neutral-700">{props.label}</span>
      <textarea
        id={props.name}
        name={props.name}
        rows={4}
        className={textareaClass}
        aria-invalid={props.error ? true : undefined}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.error ? (
        <span role="alert" className="mt-1 block text-xs text-red-600">
          {props.error}
        </span>
      ) : (
        <span className="mt-1 block text-xs text-neutral-500">{props.hint}</span>
      )}
    </label>
  );
}

function PriceListForm({ initial, onDone }: { initial: PriceListDraft; onDone: () => void }) {
  const m = useMercato();
  const [draft, setDraft] = useState(initial);
  const { errors, submit } = useSubmit();
  const refresh = useRefresh(m.catalog.admin.priceLists.pathFilter());
  const save = useMutation(m.catalog.admin.priceLists.save.mutationOptions());
  const set = <K extends keyof PriceListDraft>(key: K, value: PriceListDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  // A refusal names `prices.2.sku`; it shows under the box it came from.
  const err = (key: string) =>
    errors.fields[key] ?? Object.entries(errors.fields).find(([f]) => fieldOfRefusal(f) === key)?.[1];

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const checked = toPriceListInput(draft);
    void submit(
      async () => {
        if (!checked.ok) return;
        await save.mutateAsync(checked.input);
        await refresh();
        onDone();
      },
      checked.ok ? {} : checked.errors,
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Field
        label="Name"
        name="name"
        value={draft.name}
        error={err("name")}
        onChange={(e) => set("name", e.target.value)}
      />
      <Select
        label="Kind"
        name="kind"
        value={draft.kind}
        onChange={(e) => set("kind", e.target.value as PriceListDraft["kind"])}
      >
        {PRICE_LIST_KINDS.map((k) => (
          <option key={k} value={k}>
            {KIND_LABELS[k]}
          </option>
        ))}
      </Select>
      <div className="grid grid-cols-2 gap-3">
        <Field
          label="Starts (UTC)"
          name="startsAt"
          type="datetime-local"
          value={draft.startsAt}
          error={err("startsAt")}
          onChange={(e) => set("startsAt", e.target.value)}
        />
        <Field
          label="Ends (UTC)"
          name="endsAt"
          type="datetime-local"
          value={draft.endsAt}
          error={err("endsAt")}
          onChange={(e) => set("endsAt", e.target.value)}
        />
      </div>
      <Field
        label="Customer group"
        name="groupId"
        value={draft.groupId}
        error={err("groupId")}
        placeholder="Everyone"
        hint="A group id (e.g. wholesale): only its members get these prices."
        onChange={(e) => set("groupId", e.target.value)}
      />
      <Select
        label="Prices"
        name="mode"
        value={draft.mode}
        onChange={(e) => set("mode", e.target.value as PriceListDraft["mode"])}
      >
        <option value="prices">Fixed prices per variant</option>
        <option value="percent">A percentage off a selection</option>
      </Select>
      {draft.mode === "prices" ? (
        <TextBox
          name="prices"
          label="Variant prices"
          value={draft.prices}
          error={err("prices")}
          hint="One per line: SKU CURRENCY 12.50"
          onChange={(v) => set("prices", v)}
        />
      ) : (
        <>
          <Field
            label="Percent off"
            name="percent"
            inputMode="decimal"
            value={draft.percent}
            error={err("percent")}
            onChange={(e) => set("percent", e.target.value)}
          />
          <TextBox
            name="targets"
            label="Selection"
            value={draft.targets}
            error={err("targets")}
            hint="One per line: product <id> or category <id>"
            onChange={(v) => set("targets", v)}
          />
        </>
      )}
      {errors.form ? <ErrorNote>{errors.form}</ErrorNote> : null}
      <RowFormButtons
        editing={Boolean(draft.id)}
        pending={save.isPending}
        saveLabel="Save price list"
        createLabel="Create price list"
        onCancel={onDone}
      />
    </form>
  );
}

const STATE_BADGE = {
  scheduled: <Badge tone="blue">Scheduled</Badge>,
  active: <Badge tone="green">Active</Badge>,
  ended: <Badge>Ended</Badge>,
} as const;

function whatItDoes(l: PriceList) {
  if (l.percentOffBps !== null) return `${fromMinorUnits(l.percentOffBps)}% off ${l.targets.length} selected`;
  return (
    <>
      {l.prices.slice(0, 3).map((p) => (
        <span key={`${p.sku}-${p.currency}`} className="block text-xs">
          <span className="font-mono">{p.sku}</span> <Money amount={p.amount} currency={p.currency} />
        </span>
      ))}
      {l.prices.length > 3 ? (
        <span className="block text-xs text-neutral-500">and {l.prices.length - 3} more</span>
      ) : null}
    </>
  );
}

export function PriceListManager() {
  const m = useMercato();
  const lists = useQuery(m.catalog.admin.priceLists.list.queryOptions());
  const rowEditor = useRowEditor(
    lists.data,
    (l) => l.id,
    (l) => String(l.updatedAt),
  );
  const onSuccess = useRefresh(m.catalog.admin.priceLists.pathFilter());
  const remove = useMutation(m.catalog.admin.priceLists.delete.mutationOptions({ onSuccess }));
  const { current } = rowEditor;
  const now = new Date();

  return (
    <RowEditorLayout
      formTitle={current ? `Edit ${current.name}` : "New price list"}
      form={
        current ? (
          <PriceListForm key={rowEditor.formKey} initial={draftOfPriceList(current)} onDone={rowEditor.close} />
        ) : (
          <PriceListForm key={rowEditor.formKey} initial={emptyPriceList()} onDone={rowEditor.reset} />
        )
      }
      list={
        <>
          {remove.error ? <ErrorNote>{errorMessage(remove.error)}</ErrorNote> : null}
          {queryState(lists, {
            empty: lists.data?.length === 0 ? <Empty title="No price lists yet" /> : undefined,
          }) ?? (
            <DataTable
              label="Price lists"
              rows={lists.data ?? []}
              rowKey={(l) => l.id}
              rowClassName={(l) => (l.id === rowEditor.editing ? "bg-brand-50" : "")}
              columns={[
                { header: "Name", className: "font-medium", cell: (l) => l.name },
                { header: "Kind", cell: (l) => KIND_LABELS[l.kind] },
                {
                  header: "For",
                  cell: (l) => (l.groupId ? <span className="font-mono text-xs">{l.groupId}</span> : "Everyone"),
                },
                {
                  header: "When (UTC)",
                  className: "whitespace-nowrap text-xs text-neutral-600",
                  cell: (l) =>
                    l.startsAt || l.endsAt
                      ? `${formatDateTime(l.startsAt) || "…"} – ${formatDateTime(l.endsAt) || "…"}`
                      : "Always",
                },
                { header: "Prices", cell: whatItDoes },
                { header: "Status", cell: (l) => STATE_BADGE[priceListState(l, now)] },
                {
                  header: "Actions",
                  hiddenHeader: true,
                  className: "whitespace-nowrap text-right",
                  cell: (l) => (
                    <>
                      <Button variant="ghost" onClick={() => rowEditor.edit(l.id)} aria-label={`Edit ${l.name}`}>
                        Edit
                      </Button>
                      <Button
                        variant="ghost"
                        className="text-red-700"
                        disabled={remove.isPending}
                        onClick={() => remove.mutate({ id: l.id })}
                        aria-label={`Delete ${l.name}`}
                      >
                        Delete
                      </Button>
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
