import { describe, expect, test } from "bun:test";
import { edgeTarget } from "../lib/shop/catalog.ts";

const EDGE = "https://catalog-edge.example.workers.dev/";
const input = encodeURIComponent(JSON.stringify({ 0: { json: { slug: "chelsea-boots" } } }));

describe("the storefront's catalog reads at the edge (#25)", () => {
  test("a batch of reads the edge serves goes to the edge, path and input unchanged", () => {
    const url = `http://127.0.0.1:4000/trpc/catalog.products.bySlug,catalog.categories.tree?batch=1&input=${input}`;
    expect(edgeTarget(url, EDGE)).toBe(
      `https://catalog-edge.example.workers.dev/trpc/catalog.products.bySlug,catalog.categories.tree?batch=1&input=${input}`,
    );
  });

  test("a batch with one read the edge does not serve stays on the gateway", () => {
    expect(
      edgeTarget("http://127.0.0.1:4000/trpc/catalog.products.list,catalog.regions.list?batch=1", EDGE),
    ).toBeNull();
    expect(edgeTarget("http://127.0.0.1:4000/trpc/catalog.products.didYouMean?batch=1", EDGE)).toBeNull();
    expect(edgeTarget("http://127.0.0.1:4000/api/auth/token", EDGE)).toBeNull();
  });
});
