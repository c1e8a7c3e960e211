/** UTC midnight of the day `at` falls in. */
export function startOfUtcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/**
 * One entry per UTC day from `days - 1` days ago to today, oldest first, with the revenue of each
 * (0 for a day without sales), so a chart has no holes.
 */
export function revenueSeries(
  rows: readonly { day: string; revenue: number }[],
  today: Date,
  days: number,
): { day: string; revenue: number }[] {
  const byDay = new Map(rows.map((r) => [r.day, r.revenue]));
  const start = startOfUtcDay(today).getTime();
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(start - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    return { day, revenue: byDay.get(day) ?? 0 };
  });
}
