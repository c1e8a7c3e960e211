import { z } from "zod";

/**
 * The one shape of every CSV export (#24: products, stock, orders, customers): a staff procedure
 * answers one keyset page of CSV text at a time (the header on the first page only) and the
 * cursor of the next; the web's download route asks for the pages one after another and streams
 * them into one file. Shared here because contracts may only import pure shapes.
 */

/** Records per page of a CSV export (products, SKUs, orders or customers). */
export const EXPORT_PAGE_SIZE = 200;
export const exportPageInput = z.object({ cursor: z.string().min(1).nullable().default(null) });
export const exportPage = z.object({ csv: z.string(), nextCursor: z.string().nullable() });
export type ExportPage = z.infer<typeof exportPage>;
