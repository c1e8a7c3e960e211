"use client";
import { IMPORT_UPLOAD_MAX_CHARS, type ImportJob, PRODUCT_CSV_HEADER } from "@mercato/catalog/contract";
import { useMercato } from "@mercato/client/react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { ErrorNote } from "@/components/ui/states.tsx";
import { ExportCsvLink } from "../export-csv-link.tsx";
import { Card } from "../page-header.tsx";

/** The upload form, the running job's progress bar (polled) and its row errors; the product CSV download. */
export function ProductImport() {
  const m = useMercato();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [strict, setStrict] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const start = useMutation(m.catalog.admin.imports.start.mutationOptions());
  const job = useQuery({
    ...m.catalog.admin.imports.byId.queryOptions({ id: jobId ?? "" }),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== "running" ? false : 500),
  });

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    if (!file) return setProblem("Choose a CSV file first.");
    const csv = await file.text();
    if (csv.length > IMPORT_UPLOAD_MAX_CHARS) {
      return setProblem("The file is too big to upload here; use `bun run catalog:import` for large files.");
    }
    try {
      const started = await start.mutateAsync({ fileName: file.name, csv, dryRun, strict });
      setJobId(started.id);
    } catch (err) {
      setProblem(err instanceof Error ? err.message : "The import could not start.");
    }
  }

  return (
    <div className="space-y-6">
      <Card>
        <form onSubmit={onSubmit} className="space-y-4" aria-label="Import products">
          <label className="block text-sm" htmlFor="import-file">
            <span className="mb-1 block font-medium text-neutral-700">CSV file</span>
            <input
              id="import-file"
              name="import-file"
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </label>
          <p className="text-xs text-neutral-600">
            Columns: {PRODUCT_CSV_HEADER.replaceAll(",", ", ")}. Prices in minor units (2999 = 29.99).
          </p>
          <div className="flex gap-6 text-sm">
            <label className="flex items-center gap-2">
              <input type="checkbox" name="dry-run" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
              Dry run (check only, write nothing)
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="strict" checked={strict} onChange={(e) => setStrict(e.target.checked)} />
              Strict (any bad row: import nothing)
            </label>
          </div>
          {problem ? <ErrorNote>{problem}</ErrorNote> : null}
          <Button type="submit" disabled={start.isPending}>
            Import
          </Button>
        </form>
      </Card>
      {job.data ? <JobView job={job.data} /> : null}
      <Card>
        <h2 className="mb-2 font-semibold">Export</h2>
        <ExportCsvLink kind="products">Download products CSV</ExportCsvLink>
      </Card>
    </div>
  );
}

function JobView({ job }: { job: ImportJob }) {
  const percent = Math.round(job.progress * 100);
  const c = job.counts;
  return (
    <Card>
      <h2 className="mb-2 font-semibold">
        {job.fileName}: {job.status === "running" ? job.phase : job.status}
        {job.dryRun ? " (dry run)" : ""}
      </h2>
      <progress className="w-full" max={100} value={percent} aria-label="Import progress" data-testid="import-progress">
        {percent} %
      </progress>
      <p className="mt-2 text-sm" data-testid="import-summary">
        {c.rows} rows · {c.created} created · {c.updated} updated · {c.unchanged} unchanged · {c.failed} failed ·{" "}
        {c.categoriesCreated} categories created · {c.stockSet} stock set
      </p>
      {job.failure ? <ErrorNote>{job.failure}</ErrorNote> : null}
      {job.errorCount > 0 ? (
        <div className="mt-3">
          <h3 className="text-sm font-medium">{job.errorCount} problems</h3>
          <ul className="mt-1 max-h-80 overflow-auto text-sm" aria-label="Import errors">
            {job.errors.map((e) => (
              <li key={`${e.line}-${e.column}-${e.message}`}>
                Line {e.line}, {e.column}: {e.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}
