/** A URL slug from a title: lower case ASCII words joined by dashes ("Café Crème" → "cafe-creme"). */
export function slugify(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug || "item";
}

/**
 * The first free slug for `base`: `base` itself, else `base-2`, `base-3`... `taken` holds the
 * existing slugs that start with `base` (the caller fetches them with one prefix query).
 */
export function nextFreeSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}
