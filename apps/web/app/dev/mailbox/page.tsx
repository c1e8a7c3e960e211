import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Empty } from "@/components/ui/states.tsx";
import { userClient } from "@/lib/server.ts";
import { hiddenWhenRefused, requireDevMailbox } from "./mailbox-access.ts";

export const metadata: Metadata = { title: "Dev mailbox", robots: { index: false } };

interface Props {
  searchParams: Promise<{ to?: string; cursor?: string }>;
}

/** Every email the platform sent (or would have, without an email provider), newest first. */
export default async function MailboxPage({ searchParams }: Props) {
  await requireDevMailbox();
  const { to, cursor } = await searchParams;
  const { client } = await userClient();
  const page = await client.notifications.mailbox.list
    .query({ limit: 50, ...(to ? { to } : {}), ...(cursor ? { cursor } : {}) })
    .catch(hiddenWhenRefused);
  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Sent emails</h1>
          <p className="mt-1 text-sm text-neutral-500">What the shop sent: confirmations, password resets, alerts.</p>
        </div>
        <form className="flex gap-2" action="/dev/mailbox">
          <label className="sr-only" htmlFor="mailbox-to">
            Recipient
          </label>
          <input
            id="mailbox-to"
            name="to"
            type="email"
            defaultValue={to}
            placeholder="Filter by recipient"
            className="rounded-lg border border-neutral-300 bg-white px-3 py-2 text-sm"
          />
          <button type="submit" className="rounded-lg border border-neutral-300 bg-white px-3 py-2 text-sm font-medium">
            Filter
          </button>
        </form>
      </div>
      {page.items.length === 0 ? (
        <div className="mt-8">
          <Empty title="No emails yet">Place an order or ask for a password reset.</Empty>
        </div>
      ) : (
        <ul className="mt-6 divide-y divide-neutral-200 overflow-hidden rounded-2xl border border-neutral-200 bg-white">
          {page.items.map((m) => (
            <li key={m.id}>
              <Link
                href={`/dev/mailbox/${m.id}`}
                className="grid gap-1 px-5 py-3 hover:bg-neutral-50 sm:grid-cols-[1fr_14rem_8rem] sm:items-center"
                data-testid="mail-row"
              >
                <span className="min-w-0">
                  <span className="block truncate font-medium">{m.subject}</span>
                  <span className="block truncate text-sm text-neutral-500">
                    {m.template} · {m.to}
                  </span>
                </span>
                <time className="text-sm text-neutral-500" dateTime={new Date(m.createdAt).toISOString()}>
                  {new Date(m.createdAt).toISOString().replace("T", " ").slice(0, 16)} UTC
                </time>
                <span>
                  <Badge tone={m.status === "sent" ? "green" : m.status === "failed" ? "red" : "neutral"}>
                    {m.status}
                  </Badge>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {page.nextCursor ? (
        <p className="mt-6 text-center">
          <Link
            className="text-sm text-brand-700 underline"
            href={`/dev/mailbox?${new URLSearchParams({ ...(to ? { to } : {}), cursor: page.nextCursor })}`}
          >
            Older emails
          </Link>
        </p>
      ) : null}
    </div>
  );
}
