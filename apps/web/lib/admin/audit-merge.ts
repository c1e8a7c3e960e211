/**
 * The /admin/audit page merges every service's audit log (#20) by time, newest first. Each
 * service pages its own log by keyset, so an entry may be shown only once every service that has
 * more pages has loaded past its time: otherwise an older page of another service could still
 * hold a newer entry. `mergeAudit` answers the entries that are certain, in order.
 */
export interface AuditLike {
  id: string;
  service: string;
  /** UTC ISO. */
  at: string;
}

export interface LoadedLog<T extends AuditLike> {
  items: readonly T[];
  /** Whether the service has more (older) pages not loaded yet. */
  hasMore: boolean;
}

export interface MergedAudit<T extends AuditLike> {
  /** Newest first; ties by service then id, so the order is stable. */
  entries: T[];
  /** Whether any service has more to load. */
  hasMore: boolean;
}

export function mergeAudit<T extends AuditLike>(logs: readonly LoadedLog<T>[]): MergedAudit<T> {
  // The newest of the oldest loaded entries of the logs that have more: entries older than that
  // wait for those logs' next pages.
  let frontier = Number.NEGATIVE_INFINITY;
  for (const log of logs) {
    if (!log.hasMore) continue;
    const last = log.items.at(-1);
    // A log with more but nothing loaded holds everything back.
    const at = last ? Date.parse(last.at) : Number.POSITIVE_INFINITY;
    frontier = Math.max(frontier, at);
  }
  const entries = logs
    .flatMap((log) => log.items)
    .filter((e) => Date.parse(e.at) >= frontier)
    .sort(
      (a, b) =>
        Date.parse(b.at) - Date.parse(a.at) ||
        a.service.localeCompare(b.service) ||
        (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
    );
  return { entries, hasMore: logs.some((l) => l.hasMore) };
}
