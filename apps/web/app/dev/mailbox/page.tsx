import { MESSAGE_CHANNELS, type MessageChannel } from "@mercato/notifications/contract";
import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Empty } from "@/components/ui/states.tsx";
import { userClient } from "@/lib/server.ts";
import { hiddenWhenRefused, requireDevMailbox } from "./mailbox-access.ts";

export const metadata: Metadata = { title: "Dev mailbox", robots: { index: false } };

interface Props {
  searchParams: Promise<{ to?: string; cursor?: string; channel?: string }>;
}

const CHANNEL_LABELS: Record<MessageChannel, string> = { email: "Email", sms: "SMS", push: "Push" };
const CHANNEL_TONES = { email: "neutral", sms: "amber", push: "blue" } as const;

const isChannel = (c: string | undefined): c is MessageChannel =>
  c !== undefined && (MESSAGE_CHANNELS as readonly string[]).includes(c);

/**
 * Every message the platform sent (or would have, without a provider), newest first: emails, SMS
 * and web push, each with its channel, one outbox for all three.
 */
export default async function MailboxPage({ searchParams }: Props) {
  await requireDevMailbox();
  const { to, cursor, channel: rawChannel } = await searchParams;
  const channel = isChannel(rawChannel) ? rawChannel : undefined;
  const { client } = await userClient();
  const page = await client.notifications.mailbox.list
    .query({ limit: 50, ...(to ? { to } : {}), ...(channel ? { channel } : {}), ...(cursor ? { cursor } : {}) })
    .catch(hiddenWhenRefused);
  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Sent messages</h1>
          <p className="mt-1 text-sm text-neutral-500">
            What the shop sent by email, SMS and push: confirmations, shipping news, password resets, alerts.
          </p>
        </div>
        <form className="flex w-full flex-wrap gap-2 sm:w-auto" action="/dev/mailbox">
          <label className="sr-only" htmlFor="mailbox-to">
            Recipient
          </label>
          <input
            id="mailbox-to"
            name="to"
            type="text"
            defaultValue={to}
            placeholder="Email or +phone"
            className="min-w-0 flex-1 rounded-lg border border-neutral-300 bg-white px-3 py-2 text-sm sm:flex-none"
          />
          <label className="sr-only" htmlFor="mailbox-channel">
            Channel
          </label>
          <select
            id="mailbox-channel"
            name="channel"
            defaultValue={channel ?? ""}
            className="rounded-lg border border-neutral-300 bg-white px-3 py-2 text-sm"
          >
            <option value="">All channels</option>
            {MESSAGE_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABELS[c]}
              </option>
            ))}
          </select>
          <button type="submit" className="rounded-lg border border-neutral-300 bg-white px-3 py-2 text-sm font-medium">
            Filter
          </button>
        </form>
      </div>
      {page.items.length === 0 ? (
        <div className="mt-8">
          <Empty title="No messages yet">Place an order or ask for a password reset.</Empty>
        </div>
      ) : (
        <ul className="mt-6 divide-y divide-neutral-200 overflow-hidden rounded-2xl border border-neutral-200 bg-white">
          {page.items.map((m) => (
            <li key={m.id}>
              <Link
                href={`/dev/mailbox/${m.id}`}
                className="grid gap-1 px-5 py-3 hover:bg-neutral-50 sm:grid-cols-[5rem_1fr_14rem_8rem] sm:items-center"
                data-testid="mail-row"
                data-channel={m.channel}
              >
                <span>
                  <Badge tone={CHANNEL_TONES[m.channel]}>{CHANNEL_LABELS[m.channel]}</Badge>
                </span>
                <span className="min-w-0">
                  <span className="block truncate font-medium">{m.subject}</span>
                  <span className="block truncate text-sm text-neutral-500">
                    {m.template} · {m.channel === "push" ? `browser subscription ${m.to.slice(-8)}` : m.to}
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
            href={`/dev/mailbox?${new URLSearchParams({ ...(to ? { to } : {}), ...(channel ? { channel } : {}), cursor: page.nextCursor })}`}
          >
            Older messages
          </Link>
        </p>
      ) : null}
    </div>
  );
}
