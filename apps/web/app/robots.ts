import type { MetadataRoute } from "next";

// Read at run time, so one build serves any domain.
export const dynamic = "force-dynamic";

/** Shoppers' private pages and the dev tools stay out of search engines. */
export default function robots(): MetadataRoute.Robots {
  const base = process.env.STOREFRONT_URL ?? "http://localhost:3000";
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/account", "/cart", "/checkout", "/dev", "/admin", "/search"] },
    sitemap: `${base}/sitemap.xml`,
  };
}
