import { describe, expect, test } from "bun:test";
import { encodeCursor, MalformedCursorError } from "@mercato/db/keyset";
import { descendantIds } from "../src/contract.ts";
import { buildTree, categorySet, countBySubtree, wouldCycle } from "../src/domain/category-tree.ts";
import { decodeListingCursor, listingCursorKey } from "../src/domain/listing-cursor.ts";
import { facetKey, listingScope } from "../src/domain/listing-filters.ts";
import { initials, placeholderSvg } from "../src/domain/placeholder-image.ts";
import { bucketIndex, PRICE_BUCKETS } from "../src/domain/price-buckets.ts";
import { fromPrice, variantProblem } from "../src/domain/product-rules.ts";
import {
  correctedQuery,
  editDistance,
  MATCH_NOTHING,
  padWord,
  prefixQuery,
  trigramQuery,
  vocabularyWords,
  words,
} from "../src/domain/search-text.ts";
import { nextFreeSlug, slugify } from "../src/domain/slug.ts";

describe("slugs", () => {
  test("come from titles as lower-case ASCII words", () => {
    expect(slugify("Café Crème — Large!")).toBe("cafe-creme-large");
    expect(slugify("  ***  ")).toBe("item");
  });
  test("stay unique with -2, -3 for equal titles", () => {
    expect(nextFreeSlug("tee", [])).toBe("tee");
    expect(nextFreeSlug("tee", ["tee"])).toBe("tee-2");
    expect(nextFreeSlug("tee", ["tee", "tee-2", "tee-4"])).toBe("tee-3");
  });
});

describe("listing cursors", () => {
  test("round-trip, including non-ASCII ids and fractional keys", () => {
    const c = { sort: "relevance", key: -1.2345678901234567e-6, id: "prödukt-1" } as const;
    expect(decodeListingCursor(encodeCursor(listingCursorKey(c)), "relevance")).toEqual(c);
  });
  test("anything else is malformed", () => {
    for (const raw of ["", "!!!", btoa("{}"), btoa('["newest","x","id"]'), btoa('["newest",1]')]) {
      expect(() => decodeListingCursor(raw, "newest")).toThrow(MalformedCursorError);
    }
  });
  test("a cursor of another sort is refused", () => {
    const raw = encodeCursor(listingCursorKey({ sort: "price_asc", key: 100, id: "p1" }));
    expect(() => decodeListingCursor(raw, "newest")).toThrow(MalformedCursorError);
  });
});

describe("listing filters", () => {
  const cats = [
    { id: "c", parentId: null, slug: "clothing" },
    { id: "s", parentId: "c", slug: "shirts" },
  ];
  const input = { sort: "newest", limit: 24 } as const;
  test("the public sees active products only; admins any status or the one they ask", () => {
    expect(listingScope({ ...input, status: "draft" }, cats, false).status).toBe("active");
    expect(listingScope(input, cats, true).status).toBeNull();
    expect(listingScope({ ...input, status: "draft" }, cats, true).status).toBe("draft");
  });
  test("a category takes its subcategories; an unknown one or a crossed price range is refused", () => {
    expect(listingScope({ ...input, category: "clothing" }, cats, false).categoryIds?.sort()).toEqual(["c", "s"]);
    expect(() => listingScope({ ...input, category: "nope" }, cats, false)).toThrow("category: no category");
    expect(() => listingScope({ ...input, minPrice: 5, maxPrice: 1 }, cats, false)).toThrow("maxPrice:");
  });
  test("the facet key ignores the order filters were given in", () => {
    const a = listingScope(
      { ...input, brands: ["B", "A"], options: { size: ["M", "L"], colour: ["Red"] } },
      cats,
      false,
    );
    const b = listingScope(
      { ...input, brands: ["A", "B"], options: { colour: ["Red"], size: ["L", "M"] } },
      cats,
      false,
    );
    expect(facetKey(a, null)).toBe(facetKey(b, null));
    expect(facetKey(a, '"x"*')).not.toBe(facetKey(a, null));
  });
});

describe("search text", () => {
  test("words fold case and diacritics like the FTS tokenizer", () => {
    expect(words("Crème BRÛLÉE, 2-pack")).toEqual(["creme", "brulee", "2", "pack"]);
    expect(vocabularyWords("The the shirt, 100% cotton")).toEqual(["the", "shirt", "cotton"]);
  });
  test("the exact query matches every word as a prefix", () => {
    expect(prefixQuery("Linen shi")).toBe('"linen"* AND "shi"*');
    expect(prefixQuery('say "hi"')).toBe('"say"* AND "hi"*');
  });
  test("blank text is no search; punctuation alone is a search that matches nothing, not everything", () => {
    expect(prefixQuery("   ")).toBeNull();
    for (const q of ['"', "*", "(", " -- ", '"*()"']) {
      expect(prefixQuery(q)).toBe(MATCH_NOTHING);
      expect(correctedQuery(q, new Map())).toBe(MATCH_NOTHING);
    }
    expect(MATCH_NOTHING).toBe('""');
  });
  test("edit distance counts a transposition as one edit", () => {
    expect(editDistance("shrit", "shirt")).toBe(1);
    expect(editDistance("sheos", "shoes")).toBe(1);
    expect(editDistance("shirt", "short")).toBe(1);
    expect(editDistance("shrit", "short")).toBe(2);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
  test("any one substitution or transposition of a word of 4+ letters shares a trigram with it", () => {
    const grams = (q: string) => new Set([...q.matchAll(/"([^"]+)"/g)].map((m) => m[1]));
    const alphabet = "abcdefghijklmnopqrstuvwxyz";
    for (const word of ["shoe", "shirt", "boots", "blanket", "sneakers"]) {
      const indexed = padWord(word);
      const variants: string[] = [];
      for (let i = 0; i < word.length; i++) {
        for (const ch of alphabet) if (ch !== word[i]) variants.push(word.slice(0, i) + ch + word.slice(i + 1));
        if (i + 1 < word.length) variants.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
      }
      for (const typo of variants) {
        const shared = [...grams(trigramQuery(typo))].filter((g) => indexed.includes(g!));
        expect({ typo, shared: shared.length > 0 }).toEqual({ typo, shared: true });
      }
    }
  });
  test("the corrected query widens misspelt words with their neighbours", () => {
    expect(correctedQuery("linen shrit", new Map([["shrit", ["shirt"]]]))).toBe('"linen"* AND ("shrit"* OR "shirt")');
  });
});

describe("category tree", () => {
  const rows = [
    { id: "a", parentId: null, slug: "a", name: "A", position: 1 },
    { id: "b", parentId: null, slug: "b", name: "B", position: 0 },
    { id: "a1", parentId: "a", slug: "a1", name: "A1", position: 0 },
    { id: "a1x", parentId: "a1", slug: "a1x", name: "A1x", position: 0 },
  ];
  test("builds a forest ordered by position", () => {
    const tree = buildTree(rows);
    expect(tree.map((n) => n.id)).toEqual(["b", "a"]);
    expect(tree[1]!.children[0]!.children[0]!.id).toBe("a1x");
  });
  test("knows descendants and cycles", () => {
    expect(descendantIds(rows, "a").sort()).toEqual(["a", "a1", "a1x"]);
    expect(wouldCycle(rows, "a", "a1x")).toBe(true);
    expect(wouldCycle(rows, "a1", "b")).toBe(false);
    expect(wouldCycle(rows, "a", null)).toBe(false);
  });
  test("counts each product once per category, itself or below it", () => {
    expect(categorySet(["b", "a1", "b"])).toBe("a1 b");
    const counts = countBySubtree(rows, [
      { set: "a1 a1x", count: 2 },
      { set: "a1x b", count: 3 },
      { set: "gone", count: 9 },
    ]);
    expect(Object.fromEntries(counts)).toEqual({ a: 5, a1: 5, a1x: 5, b: 3 });
  });
});

describe("product rules", () => {
  test("a SKU given twice is a conflict naming the second", () => {
    const v = (sku: string, currency = "EUR") => ({ sku, price: 1, currency });
    expect(variantProblem([v("A"), v("B"), v("A")])).toMatchObject({ field: "variants.2.sku", kind: "conflict" });
    // Variants may sell in different currencies: each currency's listing shows those priced in it.
    expect(variantProblem([v("A"), v("B", "USD")])).toBeNull();
    expect(variantProblem([v("A"), v("B")])).toBeNull();
  });
  test("the from-price is the lowest variant price; buckets cover every price once", () => {
    expect(fromPrice([{ price: 500 }, { price: 300 }])).toBe(300);
    for (const price of [0, 2499, 2500, 9999, 10_000, 1_000_000]) {
      const b = PRICE_BUCKETS[bucketIndex(price)]!;
      expect(price >= b.min && (b.max === null || price < b.max)).toBe(true);
    }
  });
});

describe("placeholder images", () => {
  test("are deterministic, escaped and show initials", () => {
    expect(placeholderSvg("Oxford Shirt")).toBe(placeholderSvg("Oxford Shirt"));
    expect(placeholderSvg("Oxford Shirt")).not.toBe(placeholderSvg("Linen Shirt"));
    expect(initials("oxford button-down shirt")).toBe("OB");
    expect(placeholderSvg('<script>"x"')).not.toContain("<script>");
  });
});
