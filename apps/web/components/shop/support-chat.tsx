"use client";
import { useMercato, useMercatoClient } from "@mercato/client/react";
import { SUPPORT_MESSAGE_MAX, type SupportMessage, supportBodySchema } from "@mercato/notifications/contract";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useEffect, useId, useMemo, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { useSession } from "@/lib/session.tsx";
import { errorMessage, fieldErrors } from "@/lib/shop/errors.ts";

function Bubble({ message }: { message: SupportMessage }) {
  const mine = message.author === "shopper";
  return (
    <li
      className={`flex ${mine ? "justify-end" : "justify-start"}`}
      data-testid="chat-message"
      data-author={message.author}
    >
      <div
        className={`max-w-[85%] rounded-2xl px-3 py-2 text-sm ${mine ? "bg-brand-600 text-white" : "bg-neutral-100 text-ink"}`}
      >
        {/* Plain text: React escapes it; never rendered as HTML. */}
        <p className="whitespace-pre-wrap break-words">{message.body}</p>
        <p className={`mt-1 text-[11px] ${mine ? "text-brand-100" : "text-neutral-700"}`}>
          {mine ? "You" : "Support"} ·{" "}
          {new Date(message.createdAt).toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" })}
        </p>
      </div>
    </li>
  );
}

/**
 * "Contact us" (#22): the signed-in shopper's conversation with support about an order (or their
 * account without `orderId`). Answers arrive live (SSE); when the shopper is away, an email says so.
 */
export function SupportChat({ orderId }: { orderId?: string }) {
  const { user, loading } = useSession();
  const m = useMercato();
  const client = useMercatoClient();
  const queryClient = useQueryClient();
  const id = useId();
  const input = useMemo(() => (orderId ? { orderId } : {}), [orderId]);
  const mine = useQuery({ ...m.notifications.support.mine.queryOptions(input), enabled: Boolean(user) });
  const send = useMutation(m.notifications.support.send.mutationOptions());
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  // Whether the conversation's stream is open (an answer sent before it is shows on the next read).
  const [live, setLive] = useState(false);
  const conversationId = mine.data?.id;
  const key = useMemo(() => m.notifications.support.mine.queryKey(input), [m, input]);

  useEffect(() => {
    if (!conversationId) return;
    const sub = client.notifications.support.onMessage.subscribe(
      { conversationId },
      {
        onStarted: () => setLive(true),
        onData: (message) =>
          queryClient.setQueryData(key, (old) =>
            old && !old.messages.some((x) => x.id === message.id)
              ? {
                  ...old,
                  messages: [...old.messages, message],
                  lastMessageAt: message.createdAt,
                  lastAuthor: message.author,
                }
              : old,
          ),
      },
    );
    return () => {
      setLive(false);
      sub.unsubscribe();
    };
  }, [client, queryClient, conversationId, key]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const parsed = supportBodySchema.safeParse(body);
    if (!parsed.success) {
      setError(`Write a message of 1 to ${SUPPORT_MESSAGE_MAX} characters.`);
      return;
    }
    try {
      await send.mutateAsync({ ...input, body: parsed.data });
      setBody("");
      await queryClient.invalidateQueries({ queryKey: key });
    } catch (err) {
      setError(fieldErrors(err).body ?? errorMessage(err));
    }
  }

  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="rounded-2xl border border-neutral-200 p-5"
      id="support"
      data-testid="support-chat"
      data-live={live ? "true" : "false"}
    >
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {orderId ? "Contact us about this order" : "Contact us"}
      </h2>
      {loading ? <Spinner label="Loading" /> : null}
      {!loading && !user ? (
        <p className="mt-2 text-sm text-neutral-600">
          <Link href="/account/sign-in" className="font-medium text-brand-700 hover:underline">
            Sign in
          </Link>{" "}
          to write to our support team.
        </p>
      ) : null}
      {user ? (
        <>
          {mine.isError ? <ErrorNote>{errorMessage(mine.error)}</ErrorNote> : null}
          {mine.data && mine.data.messages.length > 0 ? (
            <ul className="mt-3 max-h-80 space-y-2 overflow-y-auto" aria-label="Messages" aria-live="polite">
              {mine.data.messages.map((msg) => (
                <Bubble key={msg.id} message={msg} />
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-sm text-neutral-600">
              Ask us anything: we answer here, and by email if you are away.
            </p>
          )}
          <form onSubmit={submit} noValidate className="mt-3 space-y-2" aria-label="Message to support">
            <label htmlFor={`${id}-body`} className="block text-sm font-medium text-neutral-700">
              Your message
            </label>
            <textarea
              id={`${id}-body`}
              name="body"
              rows={3}
              maxLength={SUPPORT_MESSAGE_MAX}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              aria-invalid={error ? true : undefined}
              className="w-full rounded-lg border border-neutral-300 px-3 py-2 text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
            />
            {error ? <ErrorNote>{error}</ErrorNote> : null}
            <Button type="submit" disabled={send.isPending}>
              Send
            </Button>
          </form>
        </>
      ) : null}
    </section>
  );
}
