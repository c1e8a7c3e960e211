"use client";
import { useMercato } from "@mercato/client/react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, Select } from "@/components/ui/field.tsx";
import { ErrorNote } from "@/components/ui/states.tsx";
import { type FlatCategory, flattenTree, subtreeIds } from "@/lib/admin/categories.ts";
import { type FormErrors, formErrors, noErrors } from "@/lib/admin/errors.ts";
import { Card } from "../page-header.tsx";
import { queryState } from "../query-state.tsx";

function ParentOptions({ categories, exclude }: { categories: FlatCategory[]; exclude?: Set<string> }) {
  return (
    <>
      <option value="">(top level)</option>
      {categories
        .filter((c) => !exclude?.has(c.id))
        .map((c) => (
          <option key={c.id} value={c.id}>
            {"\u00a0\u00a0".repeat(c.depth)}
            {c.name}
          </option>
        ))}
    </>
  );
}

/** One category row: rename in place, move under another parent, delete (the catalog may refuse). */
function CategoryRow({
  category,
  all,
  onChanged,
}: {
  category: FlatCategory;
  all: FlatCategory[];
  onChanged: () => Promise<void>;
}) {
  const m = useMercato();
  const [mode, setMode] = useState<"view" | "rename" | "move">("view");
  const [name, setName] = useState(category.name);
  const [parentId, setParentId] = useState(category.parentId ?? "");
  const [position, setPosition] = useState(String(category.position));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const rename = useMutation(m.catalog.admin.categories.rename.mutationOptions());
  const move = useMutation(m.catalog.admin.categories.move.mutationOptions());
  const remove = useMutation(m.catalog.admin.categories.delete.mutationOptions());

  async function run(action: () => Promise<unknown>) {
    setErrors(noErrors);
    try {
      await action();
      setMode("view");
      await onChanged();
    } catch (failure) {
      setErrors(formErrors(failure));
    }
  }

  const problem =
    errors.form ??
    Object.entries(errors.fields)
      .map(([k, v]) => `${k}: ${v}`)
      .join("; ");
  return (
    <li
      className="border-b border-neutral-100 py-2 last:border-0"
      style={{ paddingLeft: `${category.depth * 1.5}rem` }}
    >
      {mode === "view" ? (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div>
            <span className="font-medium">{category.name}</span>
            <span className="ml-2 text-xs text-neutral-500">/{category.slug}</span>
            {category.childCount > 0 ? (
              <span className="ml-2 text-xs text-neutral-400">{category.childCount} sub</span>
            ) : null}
          </div>
          <div className="flex gap-1">
            <Button variant="ghost" onClick={() => setMode("rename")} aria-label={`Rename ${category.name}`}>
              Rename
            </Button>
            <Button variant="ghost" onClick={() => setMode("move")} aria-label={`Move ${category.name}`}>
              Move
            </Button>
            <Button
              variant="ghost"
              className="text-red-700"
              disabled={remove.isPending}
              aria-label={`Delete ${category.name}`}
              onClick={() => run(() => remove.mutateAsync({ id: category.id }))}
            >
              Delete
            </Button>
          </div>
        </div>
      ) : mode === "rename" ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => rename.mutateAsync({ id: category.id, name }));
          }}
        >
          <Field
            label={`New name for ${category.name}`}
            name={`rename-${category.id}`}
            value={name}
            error={errors.fields.name}
            onChange={(e) => setName(e.target.value)}
            className="min-w-64"
          />
          <Button type="submit" disabled={rename.isPending}>
            Save
          </Button>
          <Button variant="ghost" onClick={() => setMode("view")}>
            Cancel
          </Button>
        </form>
      ) : (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() =>
              move.mutateAsync({ id: category.id, parentId: parentId || null, position: Number(position) || 0 }),
            );
          }}
        >
          <Select
            label={`New parent of ${category.name}`}
            name={`parent-${category.id}`}
            value={parentId}
            onChange={(e) => setParentId(e.target.value)}
            className="min-w-64"
          >
            <ParentOptions categories={all} exclude={subtreeIds(all, category.id)} />
          </Select>
          <Field
            label="Position"
            name={`position-${category.id}`}
            type="number"
            min={0}
            value={position}
            onChange={(e) => setPosition(e.target.value)}
            className="w-24"
          />
          <Button type="submit" disabled={move.isPending}>
            Move
          </Button>
          <Button variant="ghost" onClick={() => setMode("view")}>
            Cancel
          </Button>
        </form>
      )}
      {problem ? (
        <p role="alert" className="mt-1 text-xs text-red-600">
          {problem}
        </p>
      ) : null}
    </li>
  );
}

export function CategoryTree() {
  const m = useMercato();
  const queryClient = useQueryClient();
  const tree = useQuery(m.catalog.categories.tree.queryOptions());
  const create = useMutation(m.catalog.admin.categories.create.mutationOptions());
  const [name, setName] = useState("");
  const [parentId, setParentId] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const all = tree.data ? flattenTree(tree.data) : [];
  const refresh = async () => {
    // A read of the tree still in flight may have been made before our write committed, and while
    // the tree has never loaded, invalidating would join that read instead of starting a new one:
    // the page would keep the tree from before the write. Drop it, then read again.
    await queryClient.cancelQueries(m.catalog.categories.tree.queryFilter());
    await queryClient.invalidateQueries(m.catalog.categories.tree.queryFilter());
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setErrors({ form: null, fields: { name: "a name is required" } });
      return;
    }
    setErrors(noErrors);
    try {
      await create.mutateAsync({ name: name.trim(), parentId: parentId || null });
      setName("");
      await refresh();
    } catch (failure) {
      setErrors(formErrors(failure));
    }
  }

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <Card title="Category tree">
        {queryState(tree, {
          empty: all.length === 0 ? <p className="text-sm text-neutral-500">No categories yet.</p> : undefined,
        }) ?? (
          <ul className="text-sm">
            {all.map((c) => (
              <CategoryRow
                key={`${c.id}-${c.name}-${c.parentId}-${c.position}`}
                category={c}
                all={all}
                onChanged={refresh}
              />
            ))}
          </ul>
        )}
      </Card>
      <Card title="New category">
        <form onSubmit={submit} className="space-y-4" noValidate>
          <Field
            label="Name"
            name="name"
            value={name}
            error={errors.fields.name ?? errors.fields.slug}
            onChange={(e) => setName(e.target.value)}
          />
          <Select
            label="Parent"
            name="parentId"
            value={parentId}
            error={errors.fields.parentId}
            onChange={(e) => setParentId(e.target.value)}
          >
            <ParentOptions categories={all} />
          </Select>
          {errors.form ? <ErrorNote>{errors.form}</ErrorNote> : null}
          <Button type="submit" className="w-full" disabled={create.isPending}>
            Create category
          </Button>
        </form>
      </Card>
    </div>
  );
}
