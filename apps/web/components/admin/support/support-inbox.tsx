"use client";
import { useMercato, useMercatoClient } from "@mercato/client/react";
import { SUPPORT_MESSAGE_MAX, type SupportMessage, supportBodySchema } from "@mercato/notifications/contract";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useEffect, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Badge, Empty, ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { errorMessage, formErrors } from "@/lib/admin/errors.ts";
import { formatDateTime } from "@/lib/admin/format.ts";
import { byCursor, pagedItems } from "../data-table.tsx";
import { Card } from "../page-header.tsx";

/** One message as text (never HTML: React escapes it, and line breaks are kept by CSS). */
export function ChatBubble({ message, mine }: { message: SupportMessage; mine: boolean }) {
  return (
    <li
      className={`flex ${mine ? "justify-end" : "justify-start"}`}
      data-testid="chat-message"
      data-author={message.author}
    >
      <div
        className={`max-w-[85%] rounded-2xl px-3 py-2 text-sm ${mine ? "bg-brand-600 text-white" : "bg-neutral-100 text-ink"}`}
      >
        <p className="whitespace-pre-wrap break-words">{message.body}</p>
        <p className={`mt-1 text-[11px] ${mine ? "text-brand-100" : "text-neutral-700"}`}>
          {message.author === "staff" ? "Support" : "Shopper"} · {formatDateTime(message.createdAt)}
        </p>
      </div>
    </li>
  );
}

function Thread({ conversationId }: { conversationId: string }) {
  const m = useMercato();
  const queryClient = useQueryClient();
  const conversation = useQuery(m.notifications.support.admin.conversation.queryOptions({ conversationId }));
  const reply = useMutation(m.notifications.support.admin.reply.mutationOptions());
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const parsed = supportBodySchema.safeParse(body);
    if (!parsed.success) {
      setError(`Write 1 to ${SUPPORT_MESSAGE_MAX} characters.`);
      return;
    }
    try {
      await reply.mutateAsync({ conversationId, body: parsed.data });
      setBody("");
      await queryClient.invalidateQueries(m.notifications.support.admin.pathFilter());
    } catch (err) {
      const { form, fields } = formErrors(err);
      setError(fields.body ?? form ?? errorMessage(err));
    }
  }

  if (conversation.isError) return <ErrorNote>{errorMessage(conversation.error)}</ErrorNote>;
  if (!conversation.data) return <Spinner label="Loading conversation" />;
  const c = conversation.data;
  return (
    <Card title={`Conversation with ${c.email}`}>
      {c.orderId ? (
        <p className="mb-3 text-sm">
          About order{" "}
          <Link href={`/admin/orders/${c.orderId}`} className="font-medium text-brand-700 hover:underline">
            {c.orderId.slice(0, 8)}
          </Link>
        </p>
      ) : (
        <p className="mb-3 text-sm text-neutral-500">About their account</p>
      )}
      <ul className="max-h-[28rem] space-y-2 overflow-y-auto" aria-label="Messages" aria-live="polite">
        {c.messages.map((msg) => (
          <ChatBubble key={msg.id} message={msg} mine={msg.author === "staff"} />
        ))}
      </ul>
      <form onSubmit={submit} noValidate className="mt-4 space-y-2" aria-label="Reply">
        <label htmlFor="support-reply" className="block text-sm font-medium text-neutral-700">
          Your answer
        </label>
        <textarea
          id="support-reply"
          name="body"
          rows={3}
          maxLength={SUPPORT_MESSAGE_MAX}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={error ? true : undefined}
          className="w-full rounded-lg border border-neutral-300 px-3 py-2 text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
        />
        {error ? <ErrorNote>{error}</ErrorNote> : null}
        <Button type="submit" disabled={reply.isPending}>
          Send answer
        </Button>
      </form>
    </Card>
  );
}

/** The support inbox (#22): conversations by their last message, live; picking one opens it. */
export function SupportInbox() {
  const m = useMercato();
  const client = useMercatoClient();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<string | null>(null);
  // Whether the stream is open (a message sent before it is would not show until a reload).
  const [live, setLive] = useState(false);
  const inbox = useInfiniteQuery(m.notifications.support.admin.inbox.infiniteQueryOptions({ limit: 30 }, byCursor));

  useEffect(() => {
    const sub = client.notifications.support.admin.onInbox.subscribe(undefined, {
      onStarted: () => setLive(true),
      onData: () => void queryClient.invalidateQueries(m.notifications.support.admin.pathFilter()),
    });
    return () => {
      setLive(false);
      sub.unsubscribe();
    };
  }, [client, queryClient, m]);

  const items = pagedItems(inbox);
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
      <Card title="Conversations">
        {inbox.isError ? <ErrorNote>{errorMessage(inbox.error)}</ErrorNote> : null}
        {!inbox.data && !inbox.isError ? <Spinner label="Loading inbox" /> : null}
        {inbox.data && items.length === 0 ? <Empty title="No conversations yet" /> : null}
        <ul className="divide-y divide-neutral-100" data-testid="support-inbox" data-live={live ? "true" : "false"}>
          {items.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                onClick={() => setSelected(c.id)}
                aria-current={selected === c.id ? "true" : undefined}
                className={`w-full rounded-lg px-2 py-2.5 text-left hover:bg-neutral-50 ${selected === c.id ? "bg-brand-50" : ""}`}
              >
                <span className="flex items-center justify-between gap-2">
                  <span className="truncate text-sm font-medium">{c.email}</span>
                  {c.lastAuthor === "shopper" ? <Badge tone="amber">Waiting</Badge> : null}
                </span>
                <span className="block truncate text-xs text-neutral-700">{c.preview}</span>
                <span className="block text-[11px] text-neutral-700">{formatDateTime(c.lastMessageAt)}</span>
              </button>
            </li>
          ))}
        </ul>
        {inbox.hasNextPage ? (
          <Button variant="secondary" className="mt-3 w-full" onClick={() => void inbox.fetchNextPage()}>
            Load more
          </Button>
        ) : null}
      </Card>
      {selected ? (
        <Thread key={selected} conversationId={selected} />
      ) : (
        <Card title="Conversation">
          <p className="text-sm text-neutral-500">Pick a conversation to read it and answer.</p>
        </Card>
      )}
    </div>
  );
}
