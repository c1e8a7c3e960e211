"use client";
import { canDo } from "@mercato/catalog/contract";
import { useMercato } from "@mercato/client/react";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { errorMessage } from "@/lib/admin/errors.ts";
import { draftOf } from "@/lib/admin/product-draft.ts";
import { useRefresh } from "@/lib/admin/use-submit.ts";
import { Card, PageHeader } from "../page-header.tsx";
import { StatusBadge } from "../status-badge.tsx";
import { ProductForm } from "./product-form.tsx";
import { ProductImages } from "./product-images.tsx";

/** Loads a product and edits it; archive and restore sit in the header. */
export function ProductEditor({ id, created }: { id: string; created: boolean }) {
  const m = useMercato();
  const product = useQuery(m.catalog.admin.products.byId.queryOptions({ id }));
  const [saved, setSaved] = useState(false);
  const onSuccess = useRefresh(m.catalog.admin.products.pathFilter());
  const archive = useMutation(m.catalog.admin.products.archive.mutationOptions({ onSuccess }));
  const restore = useMutation(m.catalog.admin.products.restore.mutationOptions({ onSuccess }));

  if (product.isError) return <ErrorNote>{errorMessage(product.error)}</ErrorNote>;
  if (!product.data) return <Spinner label="Loading product" />;
  const p = product.data;
  return (
    <>
      <PageHeader
        title={p.title}
        description={
          <span className="flex items-center gap-2">
            <StatusBadge status={p.status} />
            <span>/{p.slug}</span>
            {p.status === "active" ? (
              <Link href={`/p/${p.slug}`} className="text-brand-700 hover:underline">
                View in shop ↗
              </Link>
            ) : null}
          </span>
        }
        actions={
          canDo(p.status, "restore") ? (
            <Button variant="secondary" disabled={restore.isPending} onClick={() => restore.mutate({ id })}>
              Restore
            </Button>
          ) : (
            <Button variant="danger" disabled={archive.isPending} onClick={() => archive.mutate({ id })}>
              Archive
            </Button>
          )
        }
      />
      {created ? (
        <div
          role="status"
          className="mb-4 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800"
        >
          Product created. Receive stock for its SKUs in{" "}
          <Link
            className="font-medium underline"
            href={`/admin/inventory?sku=${encodeURIComponent(p.variants[0]?.sku ?? "")}`}
          >
            Inventory
          </Link>
          .
        </div>
      ) : null}
      {archive.error || restore.error ? <ErrorNote>{errorMessage(archive.error ?? restore.error)}</ErrorNote> : null}
      {/* Keyed by the saved version so a save or archive reloads the editor from what was stored. */}
      <ProductForm
        key={String(p.updatedAt)}
        initial={draftOf(p)}
        productId={id}
        saved={saved}
        onSaved={() => setSaved(true)}
        onEdit={() => setSaved(false)}
      />
      <div className="mt-6">
        <Card title="Photos">
          <ProductImages productId={id} variants={p.variants} />
        </Card>
      </div>
    </>
  );
}
