/** One page of a CSV export as every service's `admin.exports.*` answers it. */
export interface CsvExportPage {
  csv: string;
  nextCursor: string | null;
}

/** Every page of a CSV export, from the first (`cursor: null`) until it names no next one, in order. */
export async function everyExportPage(
  page: (input: { cursor: string | null }) => Promise<CsvExportPage>,
): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  do {
    const next: CsvExportPage = await page({ cursor });
    out.push(next.csv);
    cursor = next.nextCursor;
  } while (cursor);
  return out;
}
