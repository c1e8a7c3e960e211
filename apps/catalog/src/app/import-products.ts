import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { setImmediate } from "node:timers/promises";
import { currentUser } from "@mercato/kit";
import { unguardCsvCell } from "@mercato/kit/csv-export";
import type { DomainError } from "@mercato/kit/errors";
import { notFound } from "@mercato/kit/errors";
import { parse } from "csv-parse";
import { eq, inArray } from "drizzle-orm";
import {
  IMPORT_MAX_REPORTED_ERRORS,
  type ImportCounts,
  type ImportJob,
  type ImportPhase,
  type ImportRowError,
} from "../contract.ts";
import { categories, importJobs, products, variants } from "../db/schema.ts";
import type { CatalogTx } from "../db/tx.ts";
import type { CatalogDeps } from "../deps.ts";
import {
  categoryNameOf,
  headerProblem,
  type ImportRow,
  normaliseHeader,
  type ProductCsvColumn,
  parseRow,
  sameProduct,
  variantsOf,
  type WantedState,
} from "../domain/import-rows.ts";
import { createCategoryIn } from "./edit-categories.ts";
import { SeenKeys } from "./import-seen-keys.ts";
import { type ImportedProduct, writeImportedProducts } from "./import-write.ts";
import { productStates, type StoredProduct } from "./product-states.ts";
import { sellerScope } from "./seller-scope.ts";

/** Products written per transaction: big enough to amortise the commit, small enough to keep memory flat. */
export const IMPORT_BATCH_PRODUCTS = 200;

/** Batches between two full garbage collections (see `flush`): ~4,000 rows of the benchmark's file. */
const IMPORT_COLLECT_EVERY_BATCHES = 10;

/** Where the CSV comes from: opened once per pass (a strict import reads it twice), never held whole. */
export interface ImportSource {
  name: string;
  /** Its size in bytes, for the progress. */
  size: number;
  open(): Readable;
}

/** A file on disk (the CLI, the benchmark), streamed. */
export function fileSource(path: string): ImportSource {
  return { name: path.split("/").pop() ?? path, size: Bun.file(path).size, open: () => createReadStream(path) };
}

/** An uploaded file's text (the admin). */
export function textSource(name: string, text: string): ImportSource {
  return { name, size: Buffer.byteLength(text), open: () => Readable.from([text]) };
}

/** Sets on-hand stock in inventory (inventory.internal.setStock): set-to, so a re-run changes nothing. */
export type StockSetter = (
  items: { sku: string; onHand: number }[],
) => Promise<{ changed: string[]; refused: { sku: string; reason: string }[] }>;

export interface ImportDeps {
  db: CatalogDeps["db"];
  /** Kicked after each written batch; the CLI, without a relay of its own, leaves it to the service's polling relay. */
  relay: Pick<CatalogDeps["relay"], "kick">;
  log: Pick<CatalogDeps["log"], "error">;
  /** Null where no inventory answers (stock columns are then refused). */
  setStock: StockSetter | null;
}

export interface ImportOptions {
  dryRun: boolean;
  strict: boolean;
  /** The staff member's user id (null from the CLI). */
  createdBy?: string | null;
  correlationId?: string;
  /** Called after every batch with the job as it stands (the CLI prints it). */
  onProgress?: (job: ImportJob) => void;
}

const emptyCounts = (): ImportCounts => ({
  rows: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  failed: 0,
  categoriesCreated: 0,
  stockSet: 0,
});

/** Records a new job and runs it in the background; answers the job at once (the admin polls it). */
export async function startImport(deps: ImportDeps, source: ImportSource, opts: ImportOptions): Promise<ImportJob> {
  const id = await createImportJob(deps, source.name, opts);
  void runImport(deps, id, source, opts).catch((err) => deps.log.error({ err, jobId: id }, "import failed"));
  return (await importJobById(deps.db.orm, id))!;
}

/** Records a new job and runs it to the end (the CLI, the tests, the benchmark). */
export async function importProducts(deps: ImportDeps, source: ImportSource, opts: ImportOptions): Promise<ImportJob> {
  const id = await createImportJob(deps, source.name, opts);
  return runImport(deps, id, source, opts);
}

async function createImportJob(deps: ImportDeps, fileName: string, opts: ImportOptions): Promise<string> {
  const id = Bun.randomUUIDv7();
  const now = new Date();
  await deps.db.write((tx) =>
    tx.insert(importJobs).values({
      id,
      fileName,
      status: "running",
      phase: opts.dryRun || opts.strict ? "validating" : "importing",
      dryRun: opts.dryRun,
      strict: opts.strict,
      counts: emptyCounts(),
      errors: [],
      createdBy: opts.createdBy ?? null,
      createdAt: now,
      updatedAt: now,
    }),
  );
  return id;
}

export async function importJobById(orm: CatalogDeps["db"]["orm"], id: string): Promise<ImportJob | null> {
  const [row] = await orm.select().from(importJobs).where(eq(importJobs.id, id));
  if (!row) return null;
  return {
    id: row.id,
    fileName: row.fileName,
    status: row.status,
    phase: row.phase,
    dryRun: row.dryRun,
    strict: row.strict,
    progress: row.progress,
    counts: row.counts,
    errors: row.errors,
    errorCount: row.errorCount,
    failure: row.failure,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}

/** A job for the admin's progress bar: 404 naming `id` when there is none (or, to a seller, when another started it). */
export async function importJobFor(orm: CatalogDeps["db"]["orm"], id: string): Promise<ImportJob> {
  const [owner] = await orm.select({ createdBy: importJobs.createdBy }).from(importJobs).where(eq(importJobs.id, id));
  const job = owner && (!sellerScope() || owner.createdBy === currentUser()?.id) ? await importJobById(orm, id) : null;
  if (!job) throw notFound("id", `no import "${id}"`);
  return job;
}

/** What one pass found: its counts and errors (a strict import keeps the validation pass's when it stops). */
interface PassResult {
  counts: ImportCounts;
  errors: ImportRowError[];
  errorCount: number;
}

async function runImport(deps: ImportDeps, id: string, source: ImportSource, opts: ImportOptions): Promise<ImportJob> {
  const save = async (fields: Partial<typeof importJobs.$inferInsert>) => {
    await deps.db.write((tx) =>
      tx
        .update(importJobs)
        .set({ ...fields, updatedAt: new Date() })
        .where(eq(importJobs.id, id)),
    );
    const job = (await importJobById(deps.db.orm, id))!;
    opts.onProgress?.(job);
    return job;
  };
  try {
    const twoPasses = opts.strict && !opts.dryRun;
    const progressOf = (phase: ImportPhase, fraction: number) =>
      twoPasses ? (phase === "validating" ? fraction / 2 : 0.5 + fraction / 2) : fraction;
    const pass = (write: boolean) => {
      const phase: ImportPhase = write ? "importing" : "validating";
      return runPass(deps, source, { ...opts, write }, (result, fraction) =>
        save({ phase, progress: progressOf(phase, fraction), ...reported(result) }),
      );
    };
    if (opts.dryRun || opts.strict) {
      const checked = await pass(false);
      if (opts.dryRun || checked.errorCount > 0) {
        // A strict import with a bad row imports nothing: every bad row is reported, nothing written.
        return await save({
          status: "complete",
          phase: "finished",
          progress: 1,
          finishedAt: new Date(),
          ...reported(checked),
        });
      }
    }
    const imported = await pass(true);
    return await save({
      status: "complete",
      phase: "finished",
      progress: 1,
      finishedAt: new Date(),
      ...reported(imported),
    });
  } catch (err) {
    const failure = err instanceof ImportFileError ? err.message : "the import stopped on an unexpected error";
    if (!(err instanceof ImportFileError)) deps.log.error({ err, jobId: id }, "import stopped");
    return save({ status: "stopped", phase: "finished", failure, finishedAt: new Date() });
  }
}

function reported(r: PassResult) {
  return { counts: r.counts, errors: r.errors.slice(0, IMPORT_MAX_REPORTED_ERRORS), errorCount: r.errorCount };
}

/** The file as a whole cannot be read (a bad header, broken quoting): the job fails with this sentence. */
class ImportFileError extends Error {}

interface ProductGroup {
  handle: string;
  rows: ImportRow[];
  /** Some row of it is bad: the product is left out. */
  bad: boolean;
}

interface CategoryRef {
  id: string;
  parentId: string | null;
}

/**
 * One read of the file: rows parsed and checked one by one, grouped by handle into products,
 * written (or, when `write` is false, only compared with what is stored) a batch at a time.
 */
async function runPass(
  deps: ImportDeps,
  source: ImportSource,
  opts: ImportOptions & { write: boolean },
  report: (result: PassResult, fraction: number) => Promise<unknown>,
): Promise<PassResult> {
  const result: PassResult = { counts: emptyCounts(), errors: [], errorCount: 0 };
  const addError = (e: ImportRowError) => {
    result.errorCount++;
    if (result.errors.length < IMPORT_MAX_REPORTED_ERRORS) result.errors.push(e);
  };
  // The file's handles and SKUs seen so far: a product's rows must follow one another, a SKU be once.
  const handleLines = new SeenKeys();
  const skuLines = new SeenKeys();
  const categoryCache = await loadCategories(deps);

  let header: string[] = [];
  const parser = source.open().pipe(
    parse({
      bom: true,
      info: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      // A cell our export guarded against formulas ("'=...") reads back as it was (kit csv-export).
      cast: (value, context) => (context.header ? value : unguardCsvCell(value)),
      columns: (first: string[]) => {
        header = normaliseHeader(first);
        const problem = headerProblem(header);
        if (problem) throw new ImportFileError(`line 1, ${problem.column}: ${problem.message}`);
        return header;
      },
      on_skip: (err) => {
        if (!err) return;
        const line = (err as { lines?: number }).lines ?? 0;
        addError({ line, column: "row", message: err.message.replace(/^Invalid Record Length: /, "") });
      },
    }),
  );

  let group: ProductGroup | null = null;
  let batch: ProductGroup[] = [];
  let bytes = 0;
  let batches = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await processBatch(deps, batch, categoryCache, result, addError, opts);
    batch = [];
    await report(result, source.size ? Math.min(1, bytes / source.size) : 1);
    // A batch leaves megabytes of garbage (parsed rows, SQL text, bound values). Left to its own
    // heuristics the collector lets the heap grow with what it holds, so the peak climbed with the
    // file's length; collecting every few batches keeps it where a few batches put it.
    if (++batches % IMPORT_COLLECT_EVERY_BATCHES === 0) Bun.gc(true);
    // The local libSQL driver answers synchronously, so without this a whole import would run as
    // one chain of microtasks: the service answered no request (not even the one that started
    // the import, nor the progress polls) until it was over.
    await setImmediate();
  };

  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Partial<Record<ProductCsvColumn, string>>;
      info: { lines: number; bytes: number };
    }>) {
      bytes = info.bytes;
      const line = info.lines;
      result.counts.rows++;
      const handle = (record.handle ?? "").trim();
      const firstOfProduct = !group || group.handle !== handle;
      if (firstOfProduct) {
        if (group) batch.push(group);
        if (batch.length >= IMPORT_BATCH_PRODUCTS) await flush();
        const firstLine = handleLines.get(handle);
        if (firstLine !== undefined && handle) {
          addError({
            line,
            column: "handle",
            message: `the rows of "${handle}" must follow one another (it started on line ${firstLine})`,
          });
          group = { handle, rows: [], bad: true };
          continue;
        }
        handleLines.set(handle, line);
        group = { handle, rows: [], bad: false };
      }
      if (!group) continue;
      const parsed = parseRow(record, line, firstOfProduct);
      if (!parsed.ok) {
        for (const e of parsed.errors) addError(e);
        group.bad = true;
        continue;
      }
      const skuLine = skuLines.get(parsed.row.variant.sku);
      if (skuLine !== undefined) {
        addError({ line, column: "sku", message: `SKU "${parsed.row.variant.sku}" is also on line ${skuLine}` });
        group.bad = true;
        continue;
      }
      skuLines.set(parsed.row.variant.sku, line);
      if (parsed.row.stock !== null && !deps.setStock) {
        addError({ line, column: "stock", message: "no inventory to set stock in" });
        group.bad = true;
        continue;
      }
      group.rows.push(parsed.row);
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    const e = err as { code?: string; lines?: number; message?: string };
    if (e.code?.startsWith("CSV_")) throw new ImportFileError(`line ${e.lines ?? "?"}: ${e.message}`);
    throw err;
  }
  if (group) batch.push(group);
  await flush();
  if (result.counts.rows === 0 && result.errorCount === 0) {
    if (header.length === 0) throw new ImportFileError("the file is empty");
  }
  return result;
}

async function loadCategories(deps: ImportDeps): Promise<Map<string, CategoryRef>> {
  const rows = await deps.db.orm
    .select({ id: categories.id, slug: categories.slug, parentId: categories.parentId })
    .from(categories);
  return new Map(rows.map((r) => [r.slug, { id: r.id, parentId: r.parentId }]));
}

interface PlannedProduct {
  group: ProductGroup;
  action: "create" | "update" | "unchanged";
  /** The stored product, when its handle is taken. */
  existingId: string | null;
  wanted: WantedState;
  images: { url: string; alt: string }[];
}

/** One batch of products: checked against what is stored, then written in one transaction. */
async function processBatch(
  deps: ImportDeps,
  batch: ProductGroup[],
  categoryCache: Map<string, CategoryRef>,
  result: PassResult,
  addError: (e: ImportRowError) => void,
  opts: ImportOptions & { write: boolean },
): Promise<void> {
  const good = batch.filter((g) => !g.bad && g.rows.length > 0);
  result.counts.failed += batch.length - good.length;
  const stored = await storedProducts(
    deps,
    good.map((g) => g.handle),
  );
  const owners = await skuOwners(
    deps,
    good.flatMap((g) => g.rows.map((r) => r.variant.sku)),
  );
  const newCategories: { id: string; slug: string; parentId: string | null }[] = [];
  const plans: PlannedProduct[] = [];

  for (const group of good) {
    const first = group.rows[0]!;
    const errors: ImportRowError[] = [];
    const { variants: list, errors: variantErrors } = variantsOf(group.rows);
    errors.push(...variantErrors);
    for (const row of group.rows) {
      const owner = owners.get(row.variant.sku);
      if (owner && owner !== group.handle) {
        errors.push({
          line: row.line,
          column: "sku",
          message: `SKU "${row.variant.sku}" already belongs to product "${owner}"`,
        });
      }
    }
    const categoryIds: string[] = [];
    for (const path of first.product.categoryPaths) {
      let parentId: string | null = null;
      for (const slug of path) {
        let ref = categoryCache.get(slug);
        if (ref && ref.parentId !== parentId) {
          errors.push({
            line: first.line,
            column: "categories",
            message: `"${slug}" exists, but not under ${parentId ? "that parent" : "the top"} ("${path.join("/")}")`,
          });
          break;
        }
        if (!ref) {
          ref = { id: Bun.randomUUIDv7(), parentId };
          categoryCache.set(slug, ref);
          newCategories.push({ id: ref.id, slug, parentId });
        }
        parentId = ref.id;
      }
      if (parentId) categoryIds.push(parentId);
    }
    if (errors.length) {
      for (const e of errors) addError(e);
      result.counts.failed++;
      continue;
    }
    const current = stored.get(group.handle);
    const wanted: WantedState = {
      title: first.product.title,
      description: first.product.description,
      status: first.product.status,
      brand: first.product.brand,
      taxClass: first.product.taxClass,
      categoryIds: [...new Set(categoryIds)],
      imageUrls: first.product.imageUrls,
      variants: list,
    };
    // Images keep the alt text stored for the same URL (the CSV carries URLs only).
    const alts = new Map(current?.images.map((i) => [i.url, i.alt]) ?? []);
    const images = wanted.imageUrls.map((url) => ({ url, alt: alts.get(url) ?? "" }));
    const action = !current ? "create" : sameProduct(current.state, wanted) ? "unchanged" : "update";
    if (action === "unchanged") result.counts.unchanged++;
    plans.push({ group, action, existingId: current?.id ?? null, wanted, images });
  }

  const changed = plans.filter((p) => p.action !== "unchanged");
  const counted = (p: PlannedProduct) => (p.action === "create" ? "created" : "updated");
  if (!opts.write) {
    result.counts.categoriesCreated += newCategories.length;
    for (const p of changed) result.counts[counted(p)]++;
    return;
  }

  const createCategories = async (tx: CatalogTx) => {
    for (const c of newCategories) {
      await createCategoryIn(
        tx,
        { name: categoryNameOf(c.slug), slug: c.slug, parentId: c.parentId, position: 0 },
        c.id,
      );
    }
  };
  const planOf = new Map(changed.map((p) => [p.group.handle, p]));
  const outcome = await deps.db.write(async (tx) => {
    await createCategories(tx);
    return writeImportedProducts(tx, changed.map(importedProductOf), { correlationId: opts.correlationId });
  });
  result.counts.categoriesCreated += newCategories.length;
  const written = new Set(outcome.written.map((p) => planOf.get(p.handle)!));
  for (const { product, error } of outcome.refused) {
    // One product refused (e.g. written meanwhile by staff): the others are in.
    addError(rowErrorOf(planOf.get(product.handle)!.group, error));
    result.counts.failed++;
  }
  if (written.size) deps.relay.kick();
  for (const p of written) result.counts[counted(p)]++;

  // Stock is inventory's: set-to for every product written or already equal.
  const stockRows = plans
    .filter((p) => p.action === "unchanged" || written.has(p))
    .flatMap((p) => p.group.rows.filter((r) => r.stock !== null));
  if (stockRows.length && deps.setStock) {
    const answer = await deps.setStock(stockRows.map((r) => ({ sku: r.variant.sku, onHand: r.stock! })));
    result.counts.stockSet += answer.changed.length;
    for (const refused of answer.refused) {
      const row = stockRows.find((r) => r.variant.sku === refused.sku);
      addError({ line: row?.line ?? 0, column: "stock", message: `${refused.sku}: ${refused.reason}` });
    }
  }
}

/** A planned create or update, as the batch writer takes it. */
function importedProductOf(p: PlannedProduct): ImportedProduct {
  const product = p.group.rows[0]!.product;
  return {
    handle: p.group.handle,
    existingId: p.action === "update" ? p.existingId : null,
    title: product.title,
    description: product.description,
    status: product.status,
    brand: product.brand,
    taxClass: product.taxClass,
    images: p.images,
    categoryIds: p.wanted.categoryIds,
    variants: p.wanted.variants,
  };
}

/** A refusal from the product writer → the row and column it is about. */
function rowErrorOf(group: ProductGroup, err: DomainError): ImportRowError {
  const variant = /^variants\.(\d+)\.(\w+)/.exec(err.field);
  if (variant) {
    const row = group.rows[Number(variant[1])] ?? group.rows[0]!;
    return { line: row.line, column: variant[2] === "sku" ? "sku" : "handle", message: err.reason };
  }
  return { line: group.rows[0]!.line, column: "handle", message: `${err.field}: ${err.reason}` };
}

/** The stored products with these handles (slugs), in the import's comparable shape. */
async function storedProducts(deps: ImportDeps, handles: string[]): Promise<Map<string, StoredProduct>> {
  if (handles.length === 0) return new Map();
  const rows = await deps.db.orm.select().from(products).where(inArray(products.slug, handles));
  return new Map((await productStates(deps.db.orm, rows)).map((p) => [p.slug, p]));
}

/** Which product (slug) sells each of these SKUs today. */
async function skuOwners(deps: ImportDeps, skus: string[]): Promise<Map<string, string>> {
  if (skus.length === 0) return new Map();
  const rows = await deps.db.orm
    .select({ sku: variants.sku, slug: products.slug })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(inArray(variants.sku, skus));
  return new Map(rows.map((r) => [r.sku, r.slug]));
}
