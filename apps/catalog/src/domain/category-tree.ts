import { descendantIds } from "../contract.ts";

export interface CategoryNode {
  id: string;
  parentId: string | null;
  slug: string;
  name: string;
  position: number;
  children: CategoryNode[];
}

/** Builds the category forest from flat rows, children ordered by position then name. */
export function buildTree(rows: Omit<CategoryNode, "children">[]): CategoryNode[] {
  const nodes = new Map(rows.map((r) => [r.id, { ...r, children: [] as CategoryNode[] }]));
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const order = (list: CategoryNode[]) => {
    list.sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
    for (const n of list) order(n.children);
  };
  order(roots);
  return roots;
}

/** The path from the root to a category, for breadcrumbs. */
export function breadcrumbs<T extends { id: string; parentId: string | null }>(rows: T[], id: string): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const path: T[] = [];
  const seen = new Set<string>();
  let current = byId.get(id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.unshift(current);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return path;
}

/** True when making `parentId` the parent of `id` would put `id` inside its own subtree. */
export function wouldCycle(
  rows: { id: string; parentId: string | null }[],
  id: string,
  parentId: string | null,
): boolean {
  if (parentId === null) return false;
  return descendantIds(rows, id).includes(parentId);
}

/** The stored form of a product's categories: sorted unique ids joined by spaces. */
export function categorySet(ids: string[]): string {
  return [...new Set(ids)].sort().join(" ");
}

/**
 * How many products each category holds, itself or below it, from product counts per category
 * set. A product counts once per category even when several of its categories share an ancestor.
 */
export function countBySubtree(
  rows: { id: string; parentId: string | null }[],
  sets: { set: string; count: number }[],
): Map<string, number> {
  const parent = new Map(rows.map((r) => [r.id, r.parentId]));
  const counts = new Map<string, number>();
  for (const { set, count } of sets) {
    const reached = new Set<string>();
    for (const id of set.split(" ").filter(Boolean)) {
      let current: string | null | undefined = id;
      while (current && parent.has(current) && !reached.has(current)) {
        reached.add(current);
        current = parent.get(current);
      }
    }
    for (const id of reached) counts.set(id, (counts.get(id) ?? 0) + count);
  }
  return counts;
}

/**
 * The category facet: every category holding matching products (itself or below), in tree order,
 * each parent directly followed by its own subcategories (position, then name), with its depth.
 * Categories sorted flat by position put a subcategory under whichever parent came before it.
 */
export function facetCategories<T extends Omit<CategoryNode, "children">>(
  rows: T[],
  countById: Map<string, number>,
): (Pick<T, "id" | "slug" | "name" | "parentId"> & { depth: number; count: number })[] {
  const out: (Pick<T, "id" | "slug" | "name" | "parentId"> & { depth: number; count: number })[] = [];
  const walk = (nodes: CategoryNode[], depth: number) => {
    for (const n of nodes) {
      const count = countById.get(n.id);
      if (!count) continue;
      out.push({ id: n.id, slug: n.slug, name: n.name, parentId: n.parentId, depth, count });
      walk(n.children, depth + 1);
    }
  };
  walk(buildTree(rows), 0);
  return out;
}
