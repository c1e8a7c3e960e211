/** A category tree node as catalog.categories.tree returns it. */
export interface CategoryNode {
  id: string;
  parentId: string | null;
  slug: string;
  name: string;
  position: number;
  children: CategoryNode[];
}

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

/** Ids of a node and everything under it: not valid as its new parent. */
export function subtreeIds(flat: FlatCategory[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of flat) {
      if (c.parentId && out.has(c.parentId) && !out.has(c.id)) {
        out.add(c.id);
        grew = true;
      }
    }
  }
  return out;
}
