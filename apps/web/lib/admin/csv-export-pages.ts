import type { ExportPage } from "@mercato/catalog/contract";
import type { userClient } from "@/lib/server.ts";
import type { CsvExportKind } from "./csv-exports.ts";

type StaffClient = Awaited<ReturnType<typeof userClient>>["client"];

/** Asks the service owning an export for one page of it (the first with `cursor: null`). */
export function fetchExportPage(client: StaffClient, kind: CsvExportKind, cursor: string | null): Promise<ExportPage> {
  switch (kind) {
    case "products":
      return client.catalog.admin.exports.products.query({ cursor });
    case "stock":
      return client.inventory.admin.exports.stock.query({ cursor });
    case "orders":
      return client.orders.admin.exports.orders.query({ cursor });
    case "customers":
      return client.identity.admin.exports.customers.query({ cursor });
  }
}

/**
 * The whole export as one stream of CSV text: the first page (already fetched, so a refusal was
 * answered with its status before any byte was sent), then each next page asked for only when the
 * reader wants more. A page failing half-way errors the stream, so the download fails visibly
 * instead of ending as a silently short file.
 */
export function exportStream(
  first: ExportPage,
  nextPage: (cursor: string) => Promise<ExportPage>,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor = first.nextCursor;
  let sentFirst = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!sentFirst) {
        sentFirst = true;
        controller.enqueue(encoder.encode(first.csv));
        return;
      }
      if (!cursor || signal.aborted) {
        controller.close();
        return;
      }
      const page = await nextPage(cursor);
      cursor = page.nextCursor;
      controller.enqueue(encoder.encode(page.csv));
    },
  });
}
