import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/shop/breadcrumbs.tsx";
import { ProductListing } from "@/components/shop/product-listing.tsx";
import { catalog } from "@/lib/shop/catalog.ts";
import { errorCode } from "@/lib/shop/errors.ts";
import { listInput, parseListing, type SearchParams } from "@/lib/shop/listing.ts";
import { shopRegion } from "@/lib/shop/region.ts";
import type { CategoryNode } from "@/lib/shop/types.ts";

export const revalidate = 30;

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}

/** The category with this slug and the path down to it. */
function findPath(nodes: CategoryNode[], slug: string, trail: CategoryNode[] = []): CategoryNode[] | null {
  for (const n of nodes) {
    if (n.slug === slug) return [...trail, n];
    const below = findPath(n.children, slug, [...trail, n]);
    if (below) return below;
  }
  return null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const path = findPath(await catalog().categories.tree.query(), slug);
  const category = path?.at(-1);
  return category
    ? { title: category.name, description: `${category.name} at Mercato`, alternates: { canonical: `/c/${slug}` } }
    : { title: "Category not found" };
}

export default async function CategoryPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const state = parseListing(await searchParams);
  const api = catalog();
  const { region } = await shopRegion();
  const [tree, list] = await Promise.all([
    api.categories.tree.query(),
    api.products.list.query(listInput(state, region.currency, slug)).catch((err: unknown) => {
      if (errorCode(err) === "NOT_FOUND") notFound();
      throw err;
    }),
  ]);
  const path = findPath(tree, slug);
  const category = path?.at(-1);
  if (!path || !category) notFound();
  const siblings = category.children.length > 0 ? category.children : [];

  return (
    <div className="mx-auto max-w-7xl px-4 py-8 sm:px-6">
      <Breadcrumbs trail={path} lastIsCurrent />
      <h1 className="mt-3 text-3xl font-semibold tracking-tight">{category.name}</h1>
      {siblings.length > 0 ? (
        <ul className="mt-4 flex flex-wrap gap-2">
          {siblings.map((c) => (
            <li key={c.id}>
              <Link
                href={`/c/${c.slug}`}
                className="inline-flex rounded-full border border-neutral-300 px-3 py-1 text-sm hover:border-brand-500 hover:text-brand-700"
              >
                {c.name}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="mt-8">
        <ProductListing basePath={`/c/${slug}`} state={state} list={list} region={region} />
      </div>
    </div>
  );
}
