"use client";
import { canModerate, type ReviewQueue as QueueName, REVIEW_LIMITS, REVIEW_QUEUES } from "@mercato/catalog/contract";
import type { CatalogOutputs } from "@mercato/client";
import { useMercato } from "@mercato/client/react";
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ReviewPhotos } from "@/components/shop/review-photos.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Badge, Empty, ErrorNote } from "@/components/ui/states.tsx";
import { formatDateTime } from "@/lib/admin/format.ts";
import { useRefresh, useSubmit } from "@/lib/admin/use-submit.ts";
import { byCursor } from "../data-table.tsx";
import { Card, LoadMore } from "../page-header.tsx";
import { queryState } from "../query-state.tsx";

type Review = CatalogOutputs["reviews"]["queue"]["items"][number];

const QUEUE_LABELS: Record<QueueName, string> = { pending: "Waiting for approval", reported: "Reported" };
const STATUS_TONES = { pending: "amber", published: "green", rejected: "red" } as const;

/** One review with what a moderator may do to it: approve, reject with a reason, reply, dismiss reports. */
function ReviewCard({ review }: { review: Review }) {
  const m = useMercato();
  const refresh = useRefresh(m.catalog.reviews.pathFilter());
  const publish = useMutation(m.catalog.reviews.publish.mutationOptions());
  const reject = useMutation(m.catalog.reviews.reject.mutationOptions());
  const reply = useMutation(m.catalog.reviews.reply.mutationOptions());
  const dismiss = useMutation(m.catalog.reviews.dismissReports.mutationOptions());
  const [reason, setReason] = useState("");
  const [answer, setAnswer] = useState(review.reply ?? "");
  const { errors, submit } = useSubmit();
  const run = (action: () => Promise<unknown>, local: Record<string, string> = {}) =>
    void submit(async () => {
      await action();
      await refresh();
    }, local);

  function onReject(e: FormEvent) {
    e.preventDefault();
    run(() => reject.mutateAsync({ reviewId: review.id, reason }), reason.trim() ? {} : { reason: "Say why" });
  }
  function onReply(e: FormEvent) {
    e.preventDefault();
    run(
      () => reply.mutateAsync({ reviewId: review.id, reply: answer }),
      answer.trim() ? {} : { reply: "Write a reply" },
    );
  }
  const idPart = review.id.slice(-8);

  return (
    <li>
      <Card title={`${review.rating}★ · ${review.title}`}>
        <article aria-label={`Review ${review.title}`} className="space-y-3 text-sm">
          <p className="flex flex-wrap items-center gap-2">
            <Badge tone={STATUS_TONES[review.status]}>{review.status}</Badge>
            {review.verified ? <Badge tone="green">Verified purchase</Badge> : null}
            <span className="text-neutral-600">
              {review.authorName} · product {review.productId} · {formatDateTime(review.updatedAt)}
            </span>
          </p>
          <p className="whitespace-pre-line">{review.body}</p>
          {/* Photos are moderated with the text: approving publishes them too. */}
          <ReviewPhotos photos={review.photos} authorName={review.authorName} />
          {review.reports.length > 0 ? (
            <div>
              <p className="font-medium">Reports ({review.openReports})</p>
              <ul className="list-disc pl-5">
                {review.reports.map((r) => (
                  <li key={`${r.reason}-${String(r.createdAt)}`}>{r.reason}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="flex flex-wrap gap-2">
            {canModerate(review.status, "publish") ? (
              <Button
                disabled={publish.isPending}
                onClick={() => run(() => publish.mutateAsync({ reviewId: review.id }))}
              >
                Approve
              </Button>
            ) : null}
            {canModerate(review.status, "dismissReports") && review.openReports > 0 ? (
              <Button
                variant="secondary"
                disabled={dismiss.isPending}
                onClick={() => run(() => dismiss.mutateAsync({ reviewId: review.id }))}
              >
                Keep published
              </Button>
            ) : null}
          </div>
          {canModerate(review.status, "reject") ? (
            <form onSubmit={onReject} noValidate className="flex flex-wrap items-end gap-2" aria-label="Reject">
              <Field
                label="Reason for rejecting (the author sees it)"
                name={`reject-reason-${idPart}`}
                value={reason}
                maxLength={REVIEW_LIMITS.reason}
                error={errors.fields.reason}
                onChange={(e) => setReason(e.target.value)}
                className="min-w-64 flex-1"
              />
              <Button type="submit" variant="danger" disabled={reject.isPending}>
                Reject
              </Button>
            </form>
          ) : null}
          <form onSubmit={onReply} noValidate className="flex flex-wrap items-end gap-2" aria-label="Reply">
            <Field
              label="Public reply"
              name={`reply-${idPart}`}
              value={answer}
              maxLength={REVIEW_LIMITS.reply}
              error={errors.fields.reply}
              onChange={(e) => setAnswer(e.target.value)}
              className="min-w-64 flex-1"
            />
            <Button type="submit" variant="secondary" disabled={reply.isPending}>
              Reply
            </Button>
          </form>
          {errors.form ? <ErrorNote>{errors.form}</ErrorNote> : null}
          {errors.fields.reviewId ? <ErrorNote>{errors.fields.reviewId}</ErrorNote> : null}
        </article>
      </Card>
    </li>
  );
}

/** `/admin/reviews`: the pending and reported queues. */
export function ReviewQueue() {
  const m = useMercato();
  const [queue, setQueue] = useState<QueueName>("pending");
  const list = useInfiniteQuery(m.catalog.reviews.queue.infiniteQueryOptions({ queue, limit: 20 }, byCursor));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const state = queryState(list, {
    loading: "Loading reviews",
    empty: list.data && items.length === 0 ? <Empty title="Nothing to moderate here" /> : undefined,
  });
  return (
    <div className="space-y-4">
      <div role="tablist" aria-label="Queues" className="flex gap-2">
        {REVIEW_QUEUES.map((q) => (
          <button
            key={q}
            type="button"
            role="tab"
            aria-selected={q === queue}
            onClick={() => setQueue(q)}
            className={`rounded-lg px-3 py-2 text-sm ${q === queue ? "bg-brand-50 font-medium text-brand-700" : "text-neutral-700 hover:bg-neutral-100"}`}
          >
            {QUEUE_LABELS[q]}
          </button>
        ))}
      </div>
      {state ?? (
        <ul className="space-y-4">
          {items.map((r) => (
            <ReviewCard key={r.id} review={r} />
          ))}
        </ul>
      )}
      <LoadMore list={list} />
    </div>
  );
}
