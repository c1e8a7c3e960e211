import Link from "next/link";

/**
 * "Home / Clothing / Shirts": each category a link to its page; with `lastIsCurrent` the last one
 * is the page itself (a category page), not a link.
 */
export function Breadcrumbs({
  trail,
  lastIsCurrent = false,
}: {
  trail: { id: string; name: string; slug: string }[];
  lastIsCurrent?: boolean;
}) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-neutral-500">
      <ol className="flex flex-wrap items-center gap-1">
        <li>
          <Link prefetch={false} href="/" className="hover:text-brand-700">
            Home
          </Link>
        </li>
        {trail.map((c, i) => (
          <li key={c.id} className="flex items-center gap-1">
            <span aria-hidden>/</span>
            {lastIsCurrent && i === trail.length - 1 ? (
              <span aria-current="page" className="text-neutral-700">
                {c.name}
              </span>
            ) : (
              <Link prefetch={false} href={`/c/${c.slug}`} className="hover:text-brand-700">
                {c.name}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
