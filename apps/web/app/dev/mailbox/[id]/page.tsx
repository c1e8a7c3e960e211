import type { Metadata } from "next";
import Link from "next/link";
import { userClient } from "@/lib/server.ts";
import { hiddenWhenRefused, requireDevMailbox } from "../mailbox-access.ts";

export const metadata: Metadata = { title: "Message", robots: { index: false } };

const CHANNEL_LABELS = { email: "Email", sms: "SMS", push: "Web push" } as const;

/**
 * One message: headers, and for an email its HTML in a sandboxed frame (no scripts, no
 * same-origin) and its text; an SMS or a push has its text only (a push also the page it opens).
 */
export default async function MessagePage({ params }: { params: Promise<{ id: string }> }) {
  await requireDevMailbox();
  const { id } = await params;
  const { client } = await userClient();
  const message = await client.notifications.mailbox.byId.query({ id }).catch(hiddenWhenRefused);
  return (
    <article className="space-y-6">
      <Link href="/dev/mailbox" className="text-sm text-brand-700 hover:underline">
        ← All messages
      </Link>
      <header className="rounded-2xl border border-neutral-200 bg-white p-5">
        <h1 className="text-xl font-semibold">{message.subject}</h1>
        <dl className="mt-3 grid grid-cols-[6rem_1fr] gap-y-1 text-sm">
          <dt className="text-neutral-500">Channel</dt>
          <dd data-testid="mail-channel">{CHANNEL_LABELS[message.channel]}</dd>
          <dt className="text-neutral-500">To</dt>
          <dd data-testid="mail-to">
            {message.channel === "push" ? `browser subscription ${message.to}` : message.to}
          </dd>
          <dt className="text-neutral-500">Template</dt>
          <dd>{message.template}</dd>
          <dt className="text-neutral-500">Status</dt>
          <dd>{message.status}</dd>
          <dt className="text-neutral-500">Created</dt>
          <dd>{new Date(message.createdAt).toISOString().replace("T", " ").slice(0, 19)} UTC</dd>
          {message.url ? (
            <>
              <dt className="text-neutral-500">Opens</dt>
              <dd className="break-all">{message.url}</dd>
            </>
          ) : null}
        </dl>
      </header>
      {message.channel === "email" ? (
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
      ) : null}
      <section aria-labelledby="text-heading">
        <h2 id="text-heading" className="mb-2 text-sm font-semibold text-neutral-600">
          {message.channel === "email" ? "Plain text" : message.channel === "sms" ? "SMS text" : "Notification text"}
        </h2>
        <pre className="overflow-x-auto whitespace-pre-wrap wrap-anywhere rounded-2xl border border-neutral-200 bg-white p-5 text-sm">
          {message.text}
        </pre>
      </section>
    </article>
  );
}
