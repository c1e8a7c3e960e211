"use client";
import type { Region } from "@mercato/catalog/contract";
import { useMercato } from "@mercato/client/react";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge, ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { errorMessage } from "@/lib/admin/errors.ts";
import { draftOfRegion, emptyRegion } from "@/lib/admin/region-draft.ts";
import { useRefresh } from "@/lib/admin/use-submit.ts";
import { PageHeader } from "../page-header.tsx";
import { RegionForm } from "./region-form.tsx";

/** Creates a region (no `id`) or loads one (all its options, inactive ones too) and edits it. */
export function RegionEditor({ id, created = false }: { id?: string; created?: boolean }) {
  const m = useMercato();
  const router = useRouter();
  const regions = useQuery({ ...m.catalog.admin.regions.list.queryOptions(), enabled: Boolean(id) });
  const saveRegion = useMutation(m.catalog.admin.regions.save.mutationOptions());
  const refresh = useRefresh(m.catalog.admin.regions.pathFilter());
  const [saved, setSaved] = useState(false);
  const save = (input: Parameters<typeof saveRegion.mutateAsync>[0]) => saveRegion.mutateAsync(input);

  if (!id) {
    return (
      <>
        <PageHeader title="New region" description="A set of countries sold to in one currency, on one tax basis." />
        <RegionForm
          initial={emptyRegion()}
          save={save}
          onSaved={async (region: Region) => {
            await refresh();
            router.push(`/admin/regions/${region.id}?created=1`);
          }}
        />
      </>
    );
  }

  if (regions.isError) return <ErrorNote>{errorMessage(regions.error)}</ErrorNote>;
  if (!regions.data) return <Spinner label="Loading region" />;
  const region = regions.data.find((r) => r.id === id);
  if (!region) {
    return (
      <ErrorNote>
        There is no region {id}.{" "}
        <Link href="/admin/regions" className="font-medium underline">
          All regions
        </Link>
      </ErrorNote>
    );
  }
  return (
    <>
      <PageHeader
        title={region.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {region.isDefault ? <Badge tone="blue">Default region</Badge> : null}
            <span className="font-mono text-xs">
              {region.id} · {region.currency} · {region.countries.join(" ")}
            </span>
          </span>
        }
      />
      {created ? (
        <div
          role="status"
          className="mb-4 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800"
        >
          Region created. Products need a price in {region.currency} to be sold there.
        </div>
      ) : null}
      {/* Keyed by what was stored, so a save reloads the form from the catalog's answer. */}
      <RegionForm
        key={JSON.stringify(region)}
        initial={draftOfRegion(region)}
        save={save}
        saved={saved}
        onEdit={() => setSaved(false)}
        onSaved={async () => {
          setSaved(true);
          await refresh();
        }}
      />
    </>
  );
}
