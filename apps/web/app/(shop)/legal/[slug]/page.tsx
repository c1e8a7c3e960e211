import { LEGAL_PAGE_LABELS, type LegalPageSlug, legalPageSlugSchema } from "@mercato/catalog/contract";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { LegalMarkdown } from "@/components/shop/legal-markdown.tsx";
import { publicClient } from "@/lib/server.ts";
import { errorCode } from "@/lib/shop/errors.ts";

interface Props {
  params: Promise<{ slug: string }>;
}

/**
 * The page as the catalog has it now (no data cache here: the gateway shares it for 5 s, so a
 * staff edit shows within seconds). A slug outside the contract's list, or a page nobody has
 * written, is the shop's 404.
 */
const legalPage = cache(async (slug: string) => {
  const parsed = legalPageSlugSchema.safeParse(slug);
  if (!parsed.success) return null;
  try {
    return await publicClient().catalog.pages.bySlug.query({ slug: parsed.data });
  } catch (err) {
    if (errorCode(err) === "NOT_FOUND") return null;
    throw err;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const page = await legalPage(slug);
  if (!page) return { title: "Page not found" };
  return { title: page.title, alternates: { canonical: `/legal/${page.slug}` } };
}

export default async function LegalPageView({ params }: Props) {
  const page = await legalPage((await params).slug);
  if (!page) notFound();
  const label = LEGAL_PAGE_LABELS[page.slug as LegalPageSlug];
  return (
    <article className="mx-auto max-w-3xl px-4 py-10 sm:px-6" data-testid="legal-page">
      <p className="text-sm text-neutral-600">{label}</p>
      <h1 className="mt-1 text-3xl font-semibold tracking-tight">{page.title}</h1>
      <p className="mt-2 text-sm text-neutral-600">
        Last updated <time dateTime={page.updatedAt}>{page.updatedAt.slice(0, 10)}</time>
      </p>
      <div className="mt-8" data-testid="legal-body">
        <LegalMarkdown body={page.body} />
      </div>
    </article>
  );
}
