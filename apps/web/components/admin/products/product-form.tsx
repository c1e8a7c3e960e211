"use client";
import { type EditableStatus, type ProductKind, TAX_CLASSES, type TaxClass } from "@mercato/catalog/contract";
import { useMercato } from "@mercato/client/react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, Select } from "@/components/ui/field.tsx";
import { ErrorNote } from "@/components/ui/states.tsx";
import { flattenTree } from "@/lib/admin/categories.ts";
import { emptyVariant, type ProductDraft, toInput } from "@/lib/admin/product-draft.ts";
import { TAX_CLASS_LABELS } from "@/lib/admin/region-labels.ts";
import { useRefresh, useSubmit } from "@/lib/admin/use-submit.ts";
import { Card } from "../page-header.tsx";
import { PriceSetEditor } from "./price-set-editor.tsx";

const STATUS_LABELS = {
  draft: "Draft (hidden from the shop)",
  active: "Active (on sale)",
} as const satisfies Record<EditableStatus, string>;

const textareaClass =
  "w-full rounded-lg border border-neutral-300 px-3 py-2 text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100";

/** Create (no `productId`) or edit a product with its variants, categories and images. */
export function ProductForm({
  initial,
  productId,
  saved = false,
  onSaved,
  onEdit,
}: {
  initial: ProductDraft;
  productId?: string;
  /** Shows "Saved." (kept by the editor page: the form is remade from what the catalog stored). */
  saved?: boolean;
  onSaved?: () => void;
  /** Called on every change, so the page can drop its "Saved.". */
  onEdit?: () => void;
}) {
  const m = useMercato();
  const router = useRouter();
  const [draft, setDraft] = useState(initial);
  const { errors, submit } = useSubmit();
  const refresh = useRefresh(m.catalog.admin.products.pathFilter());
  const tree = useQuery(m.catalog.categories.tree.queryOptions());
  const categories = tree.data ? flattenTree(tree.data) : [];
  const create = useMutation(m.catalog.admin.products.create.mutationOptions());
  const update = useMutation(m.catalog.admin.products.update.mutationOptions());
  const saving = create.isPending || update.isPending;
  const err = (key: string) => errors.fields[key];

  const set = <K extends keyof ProductDraft>(key: K, value: ProductDraft[K]) => {
    onEdit?.();
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const setVariant = (i: number, patch: Partial<ProductDraft["variants"][number]>) =>
    set(
      "variants",
      draft.variants.map((v, j) => (j === i ? { ...v, ...patch } : v)),
    );

  function save(e: FormEvent) {
    e.preventDefault();
    const checked = toInput(draft);
    void submit(
      async () => {
        if (!checked.ok) return;
        if (productId) {
          // Slug and kind are chosen when the product is made.
          const { slug: _slug, kind: _kind, ...rest } = checked.input;
          await update.mutateAsync({ id: productId, ...rest });
          onSaved?.();
          await refresh();
        } else {
          const created = await create.mutateAsync(checked.input);
          await refresh();
          router.push(`/admin/products/${created.productId}?created=1`);
        }
      },
      checked.ok ? {} : checked.errors,
      "Some fields need attention.",
    );
  }

  return (
    <form
      onSubmit={save}
      noValidate
      className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]"
    >
      <div className="space-y-6">
        {errors.form || Object.keys(errors.fields).length > 0 ? (
          <ErrorNote>
            {errors.form ?? "The product was not saved."}
            {Object.entries(errors.fields)
              .filter(
                ([k]) =>
                  !k.startsWith("variants.") &&
                  !["title", "slug", "brand", "description", "taxClass", "kind"].includes(k),
              )
              .map(([k, v]) => (
                <div key={k}>
                  {k}: {v}
                </div>
              ))}
          </ErrorNote>
        ) : null}
        {saved ? (
          <div
            role="status"
            className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800"
          >
            Saved.
          </div>
        ) : null}
        <Card title="Details">
          <div className="space-y-4">
            <Field
              label="Title"
              name="title"
              value={draft.title}
              error={err("title")}
              onChange={(e) => set("title", e.target.value)}
              required
            />
            {productId ? null : (
              <Field
                label="Slug (optional)"
                name="slug"
                value={draft.slug}
                error={err("slug")}
                hint="Made from the title when left empty."
                onChange={(e) => set("slug", e.target.value)}
              />
            )}
            <label className="block text-sm" htmlFor="description">
              <span className="mb-1 block font-medium text-neutral-700">Description</span>
              <textarea
                id="description"
                name="description"
                rows={5}
                className={textareaClass}
                value={draft.description}
                onChange={(e) => set("description", e.target.value)}
              />
              {err("description") ? (
                <span role="alert" className="mt-1 block text-xs text-red-600">
                  {err("description")}
                </span>
              ) : null}
            </label>
          </div>
        </Card>

        <Card
          title="Variants"
          actions={
            <Button
              variant="secondary"
              onClick={() => set("variants", [...draft.variants, emptyVariant(draft.variants[0])])}
            >
              Add variant
            </Button>
          }
        >
          <Field
            label="Option names"
            name="optionNames"
            placeholder="size, colour"
            hint="Comma-separated; each variant gives a value for each."
            error={err("optionNames")}
            value={draft.optionNames.join(", ")}
            onChange={(e) =>
              set(
                "optionNames",
                e.target.value.split(",").map((s, i, all) => (i === all.length - 1 ? s.trimStart() : s.trim())),
              )
            }
          />
          {err("variants") ? (
            <p role="alert" className="mt-2 text-xs text-red-600">
              {err("variants")}
            </p>
          ) : null}
          <div className="mt-4 space-y-4">
            {draft.variants.map((v, i) => (
              <fieldset key={i} className="rounded-lg border border-neutral-200 p-4">
                <legend className="px-1 text-xs font-medium uppercase tracking-wide text-neutral-500">
                  Variant {i + 1}
                </legend>
                <div className="grid items-end gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
                  <Field
                    label="SKU"
                    name={`variant-${i}-sku`}
                    value={v.sku}
                    error={err(`variants.${i}.sku`)}
                    onChange={(e) => setVariant(i, { sku: e.target.value })}
                  />
                  <Field
                    label="Weight (grams)"
                    name={`variant-${i}-weight`}
                    inputMode="numeric"
                    placeholder="0"
                    value={v.weightGrams}
                    error={err(`variants.${i}.weightGrams`)}
                    onChange={(e) => setVariant(i, { weightGrams: e.target.value })}
                  />
                  {draft.optionNames
                    .filter((n) => n.trim())
                    .map((name) => (
                      <Field
                        key={name}
                        label={name}
                        name={`variant-${i}-option-${name}`}
                        value={v.values[name.trim()] ?? ""}
                        error={err(`variants.${i}.options.${name.trim()}`)}
                        onChange={(e) => setVariant(i, { values: { ...v.values, [name.trim()]: e.target.value } })}
                      />
                    ))}
                </div>
                <PriceSetEditor
                  index={i}
                  variant={v}
                  errors={errors.fields}
                  onChange={(prices) => setVariant(i, { prices })}
                />
                {draft.variants.length > 1 ? (
                  <div className="mt-3 text-right">
                    <Button
                      variant="ghost"
                      onClick={() =>
                        set(
                          "variants",
                          draft.variants.filter((_, j) => j !== i),
                        )
                      }
                    >
                      Remove variant {i + 1}
                    </Button>
                  </div>
                ) : null}
              </fieldset>
            ))}
          </div>
        </Card>

        <Card
          title="Images"
          actions={
            <Button variant="secondary" onClick={() => set("images", [...draft.images, { url: "", alt: "" }])}>
              Add image
            </Button>
          }
        >
          {draft.images.length === 0 ? <p className="text-sm text-neutral-500">No images yet.</p> : null}
          <div className="space-y-3">
            {draft.images.map((img, i) => (
              <div key={i} className="grid items-end gap-3 sm:grid-cols-[4rem_1fr_1fr_auto]">
                {img.url ? (
                  <img src={img.url} alt="" className="h-16 w-16 rounded-md border border-neutral-200 object-cover" />
                ) : (
                  <div className="h-16 w-16 rounded-md bg-neutral-100" />
                )}
                <Field
                  label="Image URL"
                  name={`image-${i}-url`}
                  value={img.url}
                  error={err(`images.${i}.url`)}
                  onChange={(e) =>
                    set(
                      "images",
                      draft.images.map((x, j) => (j === i ? { ...x, url: e.target.value } : x)),
                    )
                  }
                />
                <Field
                  label="Alt text"
                  name={`image-${i}-alt`}
                  value={img.alt}
                  onChange={(e) =>
                    set(
                      "images",
                      draft.images.map((x, j) => (j === i ? { ...x, alt: e.target.value } : x)),
                    )
                  }
                />
                <Button
                  variant="ghost"
                  onClick={() =>
                    set(
                      "images",
                      draft.images.filter((_, j) => j !== i),
                    )
                  }
                >
                  Remove
                </Button>
              </div>
            ))}
          </div>
        </Card>
      </div>

      <div className="space-y-6">
        <Card title="Publishing">
          <div className="space-y-4">
            <Select
              label="Status"
              name="status"
              value={draft.status}
              onChange={(e) => set("status", e.target.value as EditableStatus)}
            >
              {Object.entries(STATUS_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
            <Select
              label="Kind"
              name="kind"
              value={draft.kind}
              disabled={Boolean(productId)}
              error={err("kind")}
              onChange={(e) => set("kind", e.target.value as ProductKind)}
            >
              <option value="standard">Goods (stocked and shipped)</option>
              <option value="gift_card">Gift card (emailed code; one variant per amount)</option>
            </Select>
            {draft.kind === "gift_card" ? (
              <p className="text-xs text-neutral-500" data-testid="gift-card-kind-note">
                Each variant is an amount. Paying for one issues a card emailed to the recipient the shopper names; no
                stock, no shipping, zero-rated when sold.
              </p>
            ) : (
              <Select
                label="Tax class"
                name="taxClass"
                value={draft.taxClass}
                error={err("taxClass")}
                onChange={(e) => set("taxClass", e.target.value as TaxClass)}
              >
                {TAX_CLASSES.map((c) => (
                  <option key={c} value={c}>
                    {TAX_CLASS_LABELS[c]}
                  </option>
                ))}
              </Select>
            )}
            <Field
              label="Brand"
              name="brand"
              value={draft.brand}
              error={err("brand")}
              onChange={(e) => set("brand", e.target.value)}
            />
            <Button type="submit" className="w-full" disabled={saving}>
              {saving ? "Saving…" : productId ? "Save changes" : "Create product"}
            </Button>
          </div>
        </Card>
        <Card title="Categories">
          {categories.length === 0 ? (
            <p className="text-sm text-neutral-500">{tree.isPending ? "Loading…" : "No categories yet."}</p>
          ) : (
            <fieldset className="max-h-80 space-y-1 overflow-y-auto">
              <legend className="sr-only">Categories</legend>
              {categories.map((c) => (
                <label
                  key={c.id}
                  className="flex items-center gap-2 text-sm"
                  style={{ paddingLeft: `${c.depth * 1}rem` }}
                >
                  <input
                    type="checkbox"
                    className="h-4 w-4 accent-brand-600"
                    checked={draft.categoryIds.includes(c.id)}
                    onChange={(e) =>
                      set(
                        "categoryIds",
                        e.target.checked ? [...draft.categoryIds, c.id] : draft.categoryIds.filter((id) => id !== c.id),
                      )
                    }
                  />
                  {c.name}
                </label>
              ))}
            </fieldset>
          )}
          {err("categoryIds") ? (
            <p role="alert" className="mt-2 text-xs text-red-600">
              {err("categoryIds")}
            </p>
          ) : null}
        </Card>
      </div>
    </form>
  );
}
