/** When a wished variant's change is worth an email (#27). Pure: the app room reads and writes the rows. */

/** Back in stock: nothing could be bought before, something can now. */
export function cameBackInStock(before: number, now: number): boolean {
  return before <= 0 && now > 0;
}

/** A price drop in one currency: lower than the last price seen there (a first sighting is no drop). */
export function priceDropped(before: number | undefined, now: number): boolean {
  return before !== undefined && now < before;
}
