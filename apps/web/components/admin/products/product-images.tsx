"use client";
import { IMAGE_UPLOAD_LIMITS, IMAGE_UPLOAD_TYPES, type ProductImageView } from "@mercato/catalog/contract-images";
import { useMercato } from "@mercato/client/react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type DragEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { ErrorNote } from "@/components/ui/states.tsx";
import { errorMessage } from "@/lib/admin/errors.ts";
import { useRefresh } from "@/lib/admin/use-submit.ts";
import { getToken } from "@/lib/auth-client.ts";

/** Sends one file to the catalog's multipart upload route; the refusal's `detail` names the field. */
async function uploadImage(productId: string, file: File): Promise<ProductImageView> {
  const form = new FormData();
  form.set("file", file, file.name);
  const token = await getToken();
  const res = await fetch(`/media/products/${encodeURIComponent(productId)}/images`, {
    method: "POST",
    body: form,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(`${file.name}: ${body?.detail ?? `upload failed (${res.status})`}`);
  }
  return (await res.json()) as ProductImageView;
}

/**
 * The product's uploaded images (#27): a drop area with a plain file input inside it (so the
 * keyboard and screen readers upload too), then each image's thumbnail, alt text, the variant it
 * shows (the product page brings it into view when the shopper picks that variant), order and removal.
 */
export function ProductImages({
  productId,
  variants,
}: {
  productId: string;
  /** The product's variants, for "Shows": an image may show one of them (the shop follows the pick). */
  variants: readonly { sku: string; options: Record<string, string> }[];
}) {
  const m = useMercato();
  const inputId = useId();
  const images = useQuery(m.catalog.admin.products.images.list.queryOptions({ productId }));
  const refresh = useRefresh(m.catalog.admin.products.pathFilter());
  const reorder = useMutation(m.catalog.admin.products.images.reorder.mutationOptions({ onSuccess: refresh }));
  const edit = useMutation(m.catalog.admin.products.images.edit.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(m.catalog.admin.products.images.delete.mutationOptions({ onSuccess: refresh }));
  const [uploading, setUploading] = useState(0);
  const [dragging, setDragging] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const list = images.data ?? [];

  const send = async (files: File[]) => {
    setUploadError(null);
    for (const file of files) {
      setUploading((n) => n + 1);
      try {
        await uploadImage(productId, file);
      } catch (err) {
        setUploadError(errorMessage(err));
      } finally {
        setUploading((n) => n - 1);
      }
    }
    await refresh();
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    void send([...e.dataTransfer.files]);
  };
  const move = (i: number, by: -1 | 1) => {
    const ids = list.map((img) => img.id);
    const [moved] = ids.splice(i, 1);
    if (!moved) return;
    ids.splice(i + by, 0, moved);
    reorder.mutate({ productId, ids });
  };
  const failed = reorder.error ?? edit.error ?? remove.error ?? images.error;

  return (
    <div className="space-y-4" data-testid="image-uploads">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a pointer convenience; the file input inside is the accessible way to upload */}
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`rounded-xl border-2 border-dashed p-6 text-center text-sm ${dragging ? "border-brand-500 bg-brand-50" : "border-neutral-300"}`}
        data-testid="image-drop"
      >
        <p className="text-neutral-700">Drop photos here, or</p>
        <label htmlFor={inputId} className="mt-2 inline-block cursor-pointer font-medium text-brand-700 underline">
          choose files to upload
        </label>
        <input
          id={inputId}
          type="file"
          multiple
          accept={IMAGE_UPLOAD_TYPES.join(",")}
          className="sr-only"
          onChange={(e) => {
            void send([...(e.target.files ?? [])]);
            e.target.value = "";
          }}
        />
        <p className="mt-2 text-xs text-neutral-600">
          JPEG, PNG, WebP or AVIF, up to {Math.round(IMAGE_UPLOAD_LIMITS.maxBytes / (1024 * 1024))} MB each.
        </p>
        {uploading > 0 ? (
          <p role="status" className="mt-2 text-xs">
            Uploading {uploading}…
          </p>
        ) : null}
      </div>
      {uploadError ? <ErrorNote>{uploadError}</ErrorNote> : null}
      {failed ? <ErrorNote>{errorMessage(failed)}</ErrorNote> : null}
      <ol className="space-y-3" aria-label="Uploaded images">
        {list.map((img, i) => (
          <li
            key={img.id}
            className="grid items-center gap-3 sm:grid-cols-[5rem_1fr_auto]"
            data-testid="uploaded-image"
          >
            <img
              src={img.sizes[320].webp}
              alt=""
              className="h-20 w-20 rounded-md border border-neutral-200 object-cover"
            />
            <div className="grid min-w-0 gap-2 sm:grid-cols-[1fr_12rem]">
              <label className="block text-sm">
                <span className="mb-1 block font-medium text-neutral-700">Alt text of image {i + 1}</span>
                <input
                  defaultValue={img.alt}
                  maxLength={IMAGE_UPLOAD_LIMITS.alt}
                  onBlur={(e) => {
                    if (e.target.value !== img.alt) edit.mutate({ id: img.id, alt: e.target.value });
                  }}
                  className="w-full rounded-lg border border-neutral-300 px-3 py-2 text-ink shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
                />
              </label>
              <label className="block text-sm">
                <span className="mb-1 block font-medium text-neutral-700">Image {i + 1} shows</span>
                <select
                  value={img.sku ?? ""}
                  disabled={edit.isPending}
                  onChange={(e) => edit.mutate({ id: img.id, alt: img.alt, sku: e.target.value || null })}
                  className="w-full rounded-lg border border-neutral-300 bg-white px-3 py-2 text-ink shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
                >
                  <option value="">The whole product</option>
                  {variants.map((v) => (
                    <option key={v.sku} value={v.sku}>
                      {[v.sku, ...Object.values(v.options)].join(" · ")}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <div className="flex gap-1">
              <Button variant="ghost" disabled={i === 0 || reorder.isPending} onClick={() => move(i, -1)}>
                Move image {i + 1} up
              </Button>
              <Button variant="ghost" disabled={i === list.length - 1 || reorder.isPending} onClick={() => move(i, 1)}>
                Move image {i + 1} down
              </Button>
              <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate({ id: img.id })}>
                Delete image {i + 1}
              </Button>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
