/** UTC days as `YYYY-MM-DD`: every aggregate is kept per UTC day. */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const DAY_MS = 86_400_000;

/** The UTC day of an instant (an ISO timestamp or a Date). */
export function utcDay(at: string | Date): string {
  const d = typeof at === "string" ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a time: ${String(at)}`);
  return d.toISOString().slice(0, 10);
}

function dayMs(day: string): number {
  if (!DAY_PATTERN.test(day)) throw new RangeError(`not a day: ${day}`);
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  if (Number.isNaN(ms) || utcDay(new Date(ms)) !== day) throw new RangeError(`not a day: ${day}`);
  return ms;
}

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isDay(value: string): boolean {
  try {
    dayMs(value);
    return true;
  } catch {
    return false;
  }
}

export function addDays(day: string, n: number): string {
  return utcDay(new Date(dayMs(day) + n * DAY_MS));
}

/** Days from `from` to `to`, both included (1 for the same day; 0 when `to` is before `from`). */
export function daysIn(from: string, to: string): number {
  return Math.max(0, Math.round((dayMs(to) - dayMs(from)) / DAY_MS) + 1);
}

/** Every day of the range, in order. */
export function eachDay(from: string, to: string): string[] {
  const n = daysIn(from, to);
  return Array.from({ length: n }, (_, i) => addDays(from, i));
}

/** The period of the same length that ends the day before `from`: what a range is compared with. */
export function previousPeriod(range: { from: string; to: string }): { from: string; to: string } {
  const n = daysIn(range.from, range.to);
  return { from: addDays(range.from, -n), to: addDays(range.from, -1) };
}
