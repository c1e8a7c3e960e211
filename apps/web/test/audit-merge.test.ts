import { describe, expect, test } from "bun:test";
import { mergeAudit } from "../lib/admin/audit-merge.ts";

const e = (service: string, id: string, at: string) => ({ service, id, at: `2026-12-01T${at}Z` });

describe("merging the services' audit logs", () => {
  test("newest first across services", () => {
    const merged = mergeAudit([
      { items: [e("orders", "o2", "10:05:00"), e("orders", "o1", "10:01:00")], hasMore: false },
      { items: [e("inventory", "i1", "10:03:00")], hasMore: false },
    ]);
    expect(merged.entries.map((x) => x.id)).toEqual(["o2", "i1", "o1"]);
    expect(merged.hasMore).toBe(false);
  });

  test("holds back what an unloaded page of another service could come before", () => {
    const merged = mergeAudit([
      // orders has more pages older than 10:04: inventory's 10:02 may not be shown yet.
      { items: [e("orders", "o2", "10:05:00"), e("orders", "o1", "10:04:00")], hasMore: true },
      { items: [e("inventory", "i2", "10:04:30"), e("inventory", "i1", "10:02:00")], hasMore: false },
    ]);
    expect(merged.entries.map((x) => x.id)).toEqual(["o2", "i2", "o1"]);
    expect(merged.hasMore).toBe(true);
  });

  test("a log with more and nothing loaded yet shows nothing", () => {
    const merged = mergeAudit([
      { items: [], hasMore: true },
      { items: [e("catalog", "c1", "10:00:00")], hasMore: false },
    ]);
    expect(merged.entries).toEqual([]);
  });

  test("equal times order by service then id, the same every time", () => {
    const logs = [
      { items: [e("orders", "b", "10:00:00"), e("orders", "a", "10:00:00")], hasMore: false },
      { items: [e("catalog", "z", "10:00:00")], hasMore: false },
    ];
    expect(mergeAudit(logs).entries.map((x) => x.id)).toEqual(["z", "b", "a"]);
    expect(mergeAudit([...logs].reverse()).entries.map((x) => x.id)).toEqual(["z", "b", "a"]);
  });
});
