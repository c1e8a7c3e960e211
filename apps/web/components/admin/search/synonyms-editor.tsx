"use client";
import { type SearchSynonym, SYNONYM_LIMITS, saveSynonymInput } from "@mercato/catalog/contract";
import { useMercato } from "@mercato/client/react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Badge, Empty, ErrorNote } from "@/components/ui/states.tsx";
import { formatDateTime } from "@/lib/admin/format.ts";
import { useRefresh, useSubmit } from "@/lib/admin/use-submit.ts";
import { Card, rowClass, Table, theadClass } from "../page-header.tsx";
import { queryState } from "../query-state.tsx";

/** The form adding a pair, checked with the contract's schema before sending. */
function AddSynonym() {
  const m = useMercato();
  const [word, setWord] = useState("");
  const [synonym, setSynonym] = useState("");
  const [twoWay, setTwoWay] = useState(true);
  const [added, setAdded] = useState<string | null>(null);
  const { errors, submit } = useSubmit();
  const refresh = useRefresh(m.catalog.admin.search.synonyms.pathFilter());
  const save = useMutation(m.catalog.admin.search.synonyms.save.mutationOptions());

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setAdded(null);
    const input = { word, synonym, twoWay };
    const checked = saveSynonymInput.safeParse(input);
    const local: Record<string, string> = {};
    for (const issue of checked.success ? [] : checked.error.issues) {
      const field = String(issue.path[0] ?? "form");
      local[field] ??= issue.message;
    }
    void submit(async () => {
      const saved = await save.mutateAsync(input);
      await refresh();
      setWord("");
      setSynonym("");
      setAdded(`${saved.word} ${saved.twoWay ? "↔" : "→"} ${saved.synonym}`);
    }, local);
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add a synonym" className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Word"
          name="synonym-word"
          value={word}
          maxLength={SYNONYM_LIMITS.wordMax}
          autoComplete="off"
          error={errors.fields.word}
          hint="What shoppers type, one word."
          onChange={(e) => setWord(e.target.value)}
        />
        <Field
          label="Also finds"
          name="synonym-synonym"
          value={synonym}
          maxLength={SYNONYM_LIMITS.wordMax}
          autoComplete="off"
          error={errors.fields.synonym}
          hint="A word in your product texts, one word."
          onChange={(e) => setSynonym(e.target.value)}
        />
      </div>
      <label className="flex items-center gap-2 text-sm text-neutral-700" htmlFor="synonym-two-way">
        <input
          id="synonym-two-way"
          type="checkbox"
          checked={twoWay}
          onChange={(e) => setTwoWay(e.target.checked)}
          className="h-4 w-4 rounded border-neutral-300"
        />
        Both ways (searching the second word also finds the first)
      </label>
      {errors.form ? <ErrorNote>{errors.form}</ErrorNote> : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Adding…" : "Add synonym"}
        </Button>
        {added ? (
          <span role="status" className="text-sm text-emerald-700">
            Added {added}. The next search uses it.
          </span>
        ) : null}
      </div>
    </form>
  );
}

function RemoveButton({ entry }: { entry: SearchSynonym }) {
  const m = useMercato();
  const refresh = useRefresh(m.catalog.admin.search.synonyms.pathFilter());
  const remove = useMutation(m.catalog.admin.search.synonyms.remove.mutationOptions());
  const { errors, submit } = useSubmit();
  return (
    <>
      <Button
        variant="secondary"
        disabled={remove.isPending}
        aria-label={`Remove ${entry.word} → ${entry.synonym}`}
        onClick={() =>
          void submit(async () => {
            await remove.mutateAsync({ word: entry.word, synonym: entry.synonym });
            await refresh();
          })
        }
      >
        Remove
      </Button>
      {errors.form ? <ErrorNote>{errors.form}</ErrorNote> : null}
    </>
  );
}

/** `/admin/search`: the synonyms the shop's search applies, added and removed by staff. */
export function SynonymsEditor() {
  const m = useMercato();
  const list = useQuery(m.catalog.admin.search.synonyms.list.queryOptions());
  const state = queryState(list, { loading: "Loading synonyms" });
  return (
    <div className="space-y-6">
      <Card title="Add a synonym">
        <AddSynonym />
      </Card>
      {state ??
        (list.data && list.data.length > 0 ? (
          <Table label="Synonyms">
            <thead className={theadClass}>
              <tr>
                <th scope="col">Word</th>
                <th scope="col">Also finds</th>
                <th scope="col">Direction</th>
                <th scope="col">Added</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((s) => (
                <tr key={`${s.word}→${s.synonym}`} className={rowClass}>
                  <td className="font-medium">{s.word}</td>
                  <td>{s.synonym}</td>
                  <td>{s.twoWay ? <Badge tone="blue">both ways</Badge> : <Badge>one way</Badge>}</td>
                  <td className="text-neutral-600">
                    {formatDateTime(s.createdAt)}
                    {s.createdBy ? ` by ${s.createdBy}` : ""}
                  </td>
                  <td className="text-right">
                    <RemoveButton entry={s} />
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <Empty title="No synonyms yet">Add one above: "tee" also finds "shirt", for example.</Empty>
        ))}
    </div>
  );
}
