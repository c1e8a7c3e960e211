import { describe, expect, test } from "bun:test";
import { parseRecent, RECENT_MAX, type RecentProduct, withViewed } from "../lib/shop/recently-viewed.ts";

const product = (n: number): RecentProduct => ({ slug: `p-${n}`, title: `Product ${n}`, image: `/media/p-${n}.svg` });

describe("recently viewed (browser storage rules)", () => {
  test("the newest first, each product once, at most RECENT_MAX", () => {
    let list: RecentProduct[] = [];
    for (let n = 1; n <= RECENT_MAX + 3; n++) list = withViewed(list, product(n));
    expect(list.length).toBe(RECENT_MAX);
    expect(list[0]!.slug).toBe(`p-${RECENT_MAX + 3}`);
    expect(list.at(-1)!.slug).toBe("p-4");
    // Viewing one again moves it to the front without a duplicate.
    const again = withViewed(list, product(6));
    expect(again.map((p) => p.slug).filter((s) => s === "p-6")).toEqual(["p-6"]);
    expect(again[0]!.slug).toBe("p-6");
    expect(again.length).toBe(RECENT_MAX);
  });

  test("anything malformed in storage is ignored, not thrown", () => {
    expect(parseRecent(null)).toEqual([]);
    expect(parseRecent("not json")).toEqual([]);
    expect(parseRecent('{"slug":"x"}')).toEqual([]);
    const stored = JSON.stringify([product(1), { slug: 2 }, null, { slug: "y", title: "Y", image: null }]);
    expect(parseRecent(stored)).toEqual([product(1), { slug: "y", title: "Y", image: null }]);
  });
});
