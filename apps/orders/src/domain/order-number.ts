/** Human order numbers: `MC-000123`. Six digits keep them sortable up to a million orders, then they grow. */
export function formatOrderNumber(sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1)
    throw new RangeError(`order sequence ${sequence} is not positive`);
  return `MC-${String(sequence).padStart(6, "0")}`;
}
