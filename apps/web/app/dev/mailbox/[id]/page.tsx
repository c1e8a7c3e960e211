import type { Metadata } from "next";
import Link from "next/link";
import { userClient } from "@/lib/server.ts";
import { hiddenWhenRefused, requireDevMailbox } from "../mailbox-access.ts";

export const metadata: Metadata = { title: "Email", robots: { index: false } };

/** One email: headers, the HTML in a sandboxed frame (no scripts, no same-origin), and the text. */
export default async function MessagePage({ params }: { params: Promise<{ id: string }> }) {
  await requireDevMailbox();
  const { id } = await params;
  const { client } = await userClient();
  const message = await client.notifications.mailbox.byId.query({ id }).catch(hiddenWhenRefused);
  return (
    <article className="space-y-6">
      <Link href="/dev/mailbox" className="text-sm text-brand-700 hover:underline">
        ← All emails
      </Link>
      <header className="rounded-2xl border border-neutral-200 bg-white p-5">
        <h1 className="text-xl font-semibold">{message.subject}</h1>
        <dl className="mt-3 grid grid-cols-[6rem_1fr] gap-y-1 text-sm">
          <dt className="text-neutral-500">To</dt>
          <dd data-testid="mail-to">{message.to}</dd>
          <dt className="text-neutral-500">Template</dt>
          <dd>{message.template}</dd>
          <dt className="text-neutral-500">Status</dt>
          <dd>{message.status}</dd>
          <dt className="text-neutral-500">Created</dt>
          <dd>{new Date(message.createdAt).toISOString().replace("T", " ").slice(0, 19)} UTC</dd>
        </dl>
      </header>
      <section aria-labelledby="html-heading">
        <h2 id="html-heading" className="mb-2 text-sm font-semibold text-neutral-600">
          HTML
        </h2>
        <iframe
          title={`Email: ${message.subject}`}
          sandbox=""
          srcDoc={message.html}
          className="h-[36rem] w-full rounded-2xl border border-neutral-200 bg-white"
        />
      </section>
      <section aria-labelledby="text-heading">
        <h2 id="text-heading" className="mb-2 text-sm font-semibold text-neutral-600">
          Plain text
        </h2>
        <pre className="overflow-x-auto whitespace-pre-wrap rounded-2xl border border-neutral-200 bg-white p-5 text-sm">
          {message.text}
        </pre>
      </section>
    </article>
  );
}
