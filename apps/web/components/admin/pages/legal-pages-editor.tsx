"use client";
import {
  type AdminLegalPageEntry,
  LEGAL_PAGE_LIMITS,
  type LegalPageSlug,
  saveLegalPageInput,
} from "@mercato/catalog/contract";
import { useMercato } from "@mercato/client/react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Badge, ErrorNote } from "@/components/ui/states.tsx";
import { formatDateTime } from "@/lib/admin/format.ts";
import { useRefresh, useSubmit } from "@/lib/admin/use-submit.ts";
import { Card } from "../page-header.tsx";
import { queryState } from "../query-state.tsx";

/** The form for one page: title and Markdown body, checked with the contract's schema before sending. */
function PageForm({ entry }: { entry: AdminLegalPageEntry }) {
  const m = useMercato();
  const [title, setTitle] = useState(entry.page?.title ?? entry.label);
  const [body, setBody] = useState(entry.page?.body ?? "");
  const [saved, setSaved] = useState(false);
  const { errors, submit } = useSubmit();
  const refresh = useRefresh(m.catalog.admin.pages.pathFilter());
  const save = useMutation(m.catalog.admin.pages.save.mutationOptions());

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const input = { slug: entry.slug, title, body };
    const checked = saveLegalPageInput.safeParse(input);
    const local: Record<string, string> = {};
    for (const issue of checked.success ? [] : checked.error.issues) {
      const field = String(issue.path[0] ?? "form");
      local[field] ??= issue.message;
    }
    void submit(async () => {
      await save.mutateAsync(input);
      await refresh();
    }, local).then(setSaved);
  }

  const bodyId = `legal-body-${entry.slug}`;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={`Edit ${entry.label}`}>
      <Field
        label="Title"
        name={`legal-title-${entry.slug}`}
        value={title}
        maxLength={LEGAL_PAGE_LIMITS.titleMax}
        error={errors.fields.title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <label className="block text-sm" htmlFor={bodyId}>
        <span className="mb-1 block font-medium text-neutral-700">Body (Markdown)</span>
        <textarea
          id={bodyId}
          name={bodyId}
          value={body}
          rows={18}
          maxLength={LEGAL_PAGE_LIMITS.bodyMax}
          aria-invalid={errors.fields.body ? true : undefined}
          aria-describedby={`${bodyId}-hint${errors.fields.body ? ` ${bodyId}-error` : ""}`}
          onChange={(e) => setBody(e.target.value)}
          className={`w-full rounded-lg border px-3 py-2 font-mono text-sm text-ink shadow-sm ${errors.fields.body ? "border-red-500" : "border-neutral-300"}`}
        />
        <span id={`${bodyId}-hint`} className="mt-1 block text-xs text-neutral-600">
          {body.length.toLocaleString("en")} of {LEGAL_PAGE_LIMITS.bodyMax.toLocaleString("en")} characters. ## for a
          heading, - for a list, [text](/legal/terms) for a link, \ at the end of a line for a line break.
        </span>
        {errors.fields.body ? (
          <span id={`${bodyId}-error`} role="alert" className="mt-1 block text-xs text-red-600">
            {errors.fields.body}
          </span>
        ) : null}
      </label>
      {errors.form ? <ErrorNote>{errors.form}</ErrorNote> : null}
      {errors.fields.slug ? <ErrorNote>{errors.fields.slug}</ErrorNote> : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save page"}
        </Button>
        <a className="text-sm text-brand-700 underline" href={`/legal/${entry.slug}`} target="_blank" rel="noopener">
          View on the shop ↗
        </a>
        {saved ? (
          <span role="status" className="text-sm text-emerald-700">
            Saved. The shop shows it within seconds.
          </span>
        ) : null}
      </div>
    </form>
  );
}

/** `/admin/pages`: pick one of the four pages, edit it, save. */
export function LegalPagesEditor() {
  const m = useMercato();
  const list = useQuery(m.catalog.admin.pages.list.queryOptions());
  const [selected, setSelected] = useState<LegalPageSlug>("terms");
  const state = queryState(list, { loading: "Loading pages" });
  if (state || !list.data) return state;
  const entry = list.data.find((e) => e.slug === selected) ?? list.data[0];
  if (!entry) return null;
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[16rem_minmax(0,1fr)]">
      <nav aria-label="Legal pages">
        <ul className="space-y-1">
          {list.data.map((e) => (
            <li key={e.slug}>
              <button
                type="button"
                aria-current={e.slug === entry.slug ? "page" : undefined}
                onClick={() => setSelected(e.slug)}
                className={`w-full rounded-lg px-3 py-2 text-left text-sm ${e.slug === entry.slug ? "bg-brand-50 font-medium text-brand-700" : "text-neutral-700 hover:bg-neutral-100"}`}
              >
                <span className="block">{e.label}</span>
                <span className="block text-xs text-neutral-600">
                  {e.page
                    ? `Updated ${formatDateTime(e.page.updatedAt)}${e.page.updatedBy ? ` by ${e.page.updatedBy}` : ""}`
                    : "Not written yet"}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <Card title={entry.label}>
        {entry.page ? null : (
          <p className="mb-4">
            <Badge tone="amber">Not written yet</Badge>{" "}
            <span className="text-sm text-neutral-600">The shop answers 404 for this page until it is saved.</span>
          </p>
        )}
        {/* Keyed by slug: switching pages starts from that page's saved text. */}
        <PageForm key={entry.slug} entry={entry} />
      </Card>
    </div>
  );
}
