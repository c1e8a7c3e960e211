import type { MetadataRoute } from "next";
import { catalog } from "@/lib/shop/catalog.ts";
import type { CategoryNode } from "@/lib/shop/types.ts";

// Built per request (no gateway runs at build time); the catalog reads are cached anyway.
export const dynamic = "force-dynamic";

const flatten = (nodes: CategoryNode[]): CategoryNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

/** The home page, every category and every active product (walking the catalog's cursor pages). */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = process.env.STOREFRONT_URL ?? "http://localhost:3000";
  const api = catalog();
  const tree = await api.categories.tree.query();
  const products: { slug: string; updatedAt: Date }[] = [];
  let cursor: string | undefined;
  // Bounded: a sitemap holds at most 50,000 URLs.
  for (let page = 0; page < 500; page++) {
    const list = await api.products.list.query({ sort: "newest", limit: 100, ...(cursor ? { cursor } : {}) });
    products.push(...list.items);
    if (!list.nextCursor) break;
    cursor = list.nextCursor;
  }
  return [
    { url: `${base}/`, changeFrequency: "daily", priority: 1 },
    ...flatten(tree).map((c) => ({ url: `${base}/c/${c.slug}`, changeFrequency: "daily" as const, priority: 0.8 })),
    ...products.map((p) => ({ url: `${base}/p/${p.slug}`, lastModified: p.updatedAt, priority: 0.6 })),
  ];
}
