/**
 * Admins pick dates as whole UTC days (a date input's "YYYY-MM-DD"): a range starts at 00:00 UTC
 * of its first day and ends at 00:00 UTC after its last.
 */
export const DAY_MS = 86_400_000;

/** 00:00 UTC of the day a date input names; undefined while it names none (empty or partial). */
export function dayStart(day: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  return new Date(`${day}T00:00:00.000Z`);
}

/** 00:00 UTC after the day a date input names: the exclusive end of a range whose last day it is. */
export function dayAfter(day: string): Date | undefined {
  const start = dayStart(day);
  return start && new Date(start.getTime() + DAY_MS);
}

/** The date input's value for an instant: its UTC day, or for a range's exclusive end, the day before. */
export function dayOf(date: Date | null, endExclusive: boolean): string {
  if (!date) return "";
  return new Date(date.getTime() - (endExclusive ? DAY_MS : 0)).toISOString().slice(0, 10);
}
