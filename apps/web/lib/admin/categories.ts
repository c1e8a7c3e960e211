import { descendantIds } from "@mercato/catalog/contract";
import type { CatalogOutputs } from "@mercato/client";

/** A category tree node as catalog.categories.tree returns it. */
export type CategoryNode = CatalogOutputs["categories"]["tree"][number];

export interface FlatCategory extends Omit<CategoryNode, "children"> {
  depth: number;
  /** "Clothing › Shirts", for pickers. */
  path: string;
  childCount: number;
}

/** The tree in display order (depth-first), each node with its depth and path. */
export function flattenTree(nodes: CategoryNode[], depth = 0, parents: string[] = []): FlatCategory[] {
  return nodes.flatMap(({ children, ...node }) => {
    const names = [...parents, node.name];
    return [
      { ...node, depth, path: names.join(" › "), childCount: children.length },
      ...flattenTree(children, depth + 1, names),
    ];
  });
}

/** Ids of a node and everything under it: the catalog refuses any of them as its new parent. */
export function subtreeIds(flat: FlatCategory[], id: string): Set<string> {
  return new Set(descendantIds(flat, id));
}
