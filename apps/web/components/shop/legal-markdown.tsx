import Link from "next/link";
import type { ComponentProps } from "react";
import Markdown, { type Components } from "react-markdown";

/**
 * A legal page's Markdown as HTML, safely: react-markdown builds React elements from the Markdown
 * syntax tree and turns raw HTML into text (no `rehype-raw` here), so a `<script>` or an
 * `onerror=` a merchant (or an attacker with a staff account) types is shown, never run; its URL
 * filter drops `javascript:` links. Rendered on the server: no Markdown code reaches the browser.
 * The page's title is its h1, so the body's headings start at h2.
 */
const components: Components = {
  h1: ({ node: _n, ...props }) => <h2 className="mt-8 text-xl font-semibold" {...props} />,
  h2: ({ node: _n, ...props }) => <h2 className="mt-8 text-xl font-semibold" {...props} />,
  h3: ({ node: _n, ...props }) => <h3 className="mt-6 text-lg font-semibold" {...props} />,
  h4: ({ node: _n, ...props }) => <h4 className="mt-4 font-semibold" {...props} />,
  p: ({ node: _n, ...props }) => <p className="mt-4 leading-relaxed text-neutral-800" {...props} />,
  ul: ({ node: _n, ...props }) => <ul className="mt-4 list-disc space-y-1 pl-6 text-neutral-800" {...props} />,
  ol: ({ node: _n, ...props }) => <ol className="mt-4 list-decimal space-y-1 pl-6 text-neutral-800" {...props} />,
  blockquote: ({ node: _n, ...props }) => (
    <blockquote className="mt-4 border-l-4 border-neutral-200 pl-4 text-neutral-700" {...props} />
  ),
  code: ({ node: _n, ...props }) => <code className="rounded bg-neutral-100 px-1 font-mono text-sm" {...props} />,
  a: ({ node: _n, href = "", ...props }) =>
    href.startsWith("/") && !href.startsWith("//") ? (
      <Link
        className="text-brand-700 underline"
        href={href}
        {...(props as Omit<ComponentProps<typeof Link>, "href">)}
      />
    ) : (
      <a className="text-brand-700 underline" href={href} rel="nofollow noopener noreferrer" {...props} />
    ),
};

export function LegalMarkdown({ body }: { body: string }) {
  return <Markdown components={components}>{body}</Markdown>;
}
