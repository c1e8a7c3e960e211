"use client";
import {
  createReviewInput,
  REVIEW_LIMITS,
  REVIEW_SORTS,
  type ReviewPhotoView,
  type ReviewSort,
} from "@mercato/catalog/contract";
import { useMercato } from "@mercato/client/react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, Select } from "@/components/ui/field.tsx";
import { Badge, ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { useSession } from "@/lib/session.tsx";
import { errorMessage, fieldErrors } from "@/lib/shop/errors.ts";
import { ReviewPhotoInput, ReviewPhotos } from "./review-photos.tsx";
import { ReviewsSummary, Stars } from "./review-summary.tsx";

const SORT_LABELS: Record<ReviewSort, string> = {
  newest: "Newest",
  highest: "Highest rated",
  lowest: "Lowest rated",
  helpful: "Most helpful",
};

/** The signed-in shopper's review: a form to write it, or to edit it (which sends it back to moderation). */
function ReviewForm({ productId }: { productId: string }) {
  const m = useMercato();
  const queryClient = useQueryClient();
  const mine = useQuery(m.catalog.reviews.mine.queryOptions({ productId }));
  const create = useMutation(m.catalog.reviews.create.mutationOptions());
  const update = useMutation(m.catalog.reviews.update.mutationOptions());
  const existing = mine.data ?? null;
  const [draft, setDraft] = useState<{
    rating: number;
    authorName: string;
    title: string;
    body: string;
    photos: ReviewPhotoView[];
  } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  if (mine.isLoading) return <Spinner label="Loading your review" />;
  const form = draft ?? {
    rating: existing?.rating ?? 5,
    authorName: existing?.authorName ?? "",
    title: existing?.title ?? "",
    body: existing?.body ?? "",
    photos: existing?.photos ?? [],
  };
  const set = (patch: Partial<typeof form>) => setDraft({ ...form, ...patch });

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSent(false);
    setProblem(null);
    // The review write takes the uploaded photos' ids (and keeps the order shown).
    const fields = { ...form, photos: form.photos.map((p) => p.id) };
    const checked = createReviewInput.safeParse({ productId, ...fields });
    if (!checked.success) {
      const local: Record<string, string> = {};
      for (const issue of checked.error.issues) local[String(issue.path[0] ?? "form")] ??= issue.message;
      setErrors(local);
      return;
    }
    setErrors({});
    try {
      if (existing) await update.mutateAsync({ reviewId: existing.id, ...fields });
      else await create.mutateAsync({ productId, ...fields });
      await queryClient.invalidateQueries(m.catalog.reviews.pathFilter());
      setDraft(null);
      setSent(true);
    } catch (err) {
      setErrors(fieldErrors(err));
      setProblem(errorMessage(err));
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label={existing ? "Edit your review" : "Write a review"}
      className="space-y-4"
    >
      <h3 className="text-lg font-semibold">{existing ? "Your review" : "Write a review"}</h3>
      {existing ? (
        <p className="text-sm text-neutral-700">
          {existing.status === "pending" ? <Badge tone="amber">Waiting for approval</Badge> : null}
          {existing.status === "published" ? <Badge tone="green">Published</Badge> : null}
          {existing.status === "rejected" ? (
            <>
              <Badge tone="red">Not published</Badge> <span>Reason: {existing.rejectReason}</span>
            </>
          ) : null}{" "}
          An edit is checked again before it shows.
        </p>
      ) : null}
      <Select
        label="Rating"
        name="review-rating"
        value={String(form.rating)}
        error={errors.rating}
        onChange={(e) => set({ rating: Number(e.target.value) })}
      >
        {[5, 4, 3, 2, 1].map((n) => (
          <option key={n} value={n}>
            {n} {n === 1 ? "star" : "stars"}
          </option>
        ))}
      </Select>
      <Field
        label="Your name, as shown"
        name="review-author"
        value={form.authorName}
        maxLength={REVIEW_LIMITS.authorName}
        error={errors.authorName}
        onChange={(e) => set({ authorName: e.target.value })}
      />
      <Field
        label="Title"
        name="review-title"
        value={form.title}
        maxLength={REVIEW_LIMITS.title}
        error={errors.title}
        onChange={(e) => set({ title: e.target.value })}
      />
      <label className="block text-sm" htmlFor="review-body">
        <span className="mb-1 block font-medium text-neutral-700">Your review</span>
        <textarea
          id="review-body"
          name="review-body"
          rows={5}
          value={form.body}
          maxLength={REVIEW_LIMITS.body}
          aria-invalid={errors.body ? true : undefined}
          onChange={(e) => set({ body: e.target.value })}
          className={`w-full rounded-lg border px-3 py-2 text-sm text-ink shadow-sm ${errors.body ? "border-red-500" : "border-neutral-300"}`}
        />
        {errors.body ? (
          <span role="alert" className="mt-1 block text-xs text-red-600">
            {errors.body}
          </span>
        ) : null}
      </label>
      <ReviewPhotoInput
        photos={form.photos}
        authorName={form.authorName}
        error={errors.photos}
        // Functional: an upload finishes after its await, when `form` may be stale.
        onChange={(photos) => setDraft((d) => ({ ...(d ?? form), photos }))}
      />
      {problem ? <ErrorNote>{problem}</ErrorNote> : null}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={create.isPending || update.isPending}>
          {existing ? "Save changes" : "Submit review"}
        </Button>
        {sent ? (
          <span role="status" className="text-sm text-emerald-700">
            Thank you! Your review shows once it is approved.
          </span>
        ) : null}
      </div>
    </form>
  );
}

/**
 * "Helpful (n)" under a review: a toggle (aria-pressed) for a signed-in shopper, plain text on
 * their own review (they may not vote on it) and for guests (the list says how to sign in).
 */
function HelpfulVote({
  review,
  canVote,
  pending,
  error,
  onVote,
}: {
  review: { id: string; title: string; helpfulCount: number; votedHelpful: boolean | null };
  canVote: boolean;
  pending: boolean;
  error: string | undefined;
  onVote: (helpful: boolean) => void;
}) {
  const label = `Helpful (${review.helpfulCount})`;
  if (!canVote) return <p className="mt-2 text-xs text-neutral-600">{label}</p>;
  const voted = review.votedHelpful === true;
  return (
    <div className="mt-2">
      <button
        type="button"
        aria-pressed={voted}
        disabled={pending}
        onClick={() => onVote(!voted)}
        className={`rounded-full border px-3 py-1 text-xs font-medium transition disabled:cursor-wait ${
          voted ? "border-brand-700 bg-brand-50 text-brand-700" : "border-neutral-300 bg-white text-neutral-800"
        }`}
      >
        {/* A mark besides the colour, so the pressed state does not rest on colour alone. */}
        {voted ? <span aria-hidden="true">✓ </span> : null}
        {label}
      </button>
      {error ? (
        <span role="alert" className="ml-2 text-xs text-red-600">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** "Sign in to …" for a guest, returning to this page afterwards. */
function SignInHint({ next, to, className = "" }: { next: string; to: string; className?: string }) {
  return (
    <p className={`text-sm text-neutral-700 ${className}`}>
      <Link className="text-brand-700 underline" href={`/account/sign-in?next=${encodeURIComponent(next)}`}>
        Sign in
      </Link>{" "}
      to {to}.
    </p>
  );
}

/** The product page's reviews: summary, sorted pages, the write/edit form, report links. */
export function ProductReviews({ productId, next }: { productId: string; next: string }) {
  const m = useMercato();
  const { user, loading } = useSession();
  const [sort, setSort] = useState<ReviewSort>("newest");
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const page = useQuery(m.catalog.reviews.forProduct.queryOptions({ productId, sort, cursor }));
  const report = useMutation(m.catalog.reviews.report.mutationOptions());
  const [reported, setReported] = useState<Set<string>>(new Set());
  const queryClient = useQueryClient();
  // The same query as the form's: which review is the viewer's own (no vote button on it).
  const mine = useQuery({ ...m.catalog.reviews.mine.queryOptions({ productId }), enabled: Boolean(user) });
  const [voting, setVoting] = useState<string | null>(null);
  const [voteErrors, setVoteErrors] = useState<Record<string, string>>({});
  const helpful = useMutation(m.catalog.reviews.helpful.mutationOptions());

  async function vote(reviewId: string, wanted: boolean) {
    setVoting(reviewId);
    setVoteErrors(({ [reviewId]: _, ...rest }) => rest);
    try {
      const result = await helpful.mutateAsync({ reviewId, helpful: wanted });
      // Patch the cached pages in place rather than refetch: under "Most helpful" a refetch
      // would reorder the list under the shopper's pointer.
      queryClient.setQueriesData<typeof page.data>(m.catalog.reviews.forProduct.pathFilter(), (old) =>
        old
          ? {
              ...old,
              items: old.items.map((r) =>
                r.id === result.reviewId
                  ? { ...r, helpfulCount: result.helpfulCount, votedHelpful: result.votedHelpful }
                  : r,
              ),
            }
          : old,
      );
    } catch (err) {
      setVoteErrors((errs) => ({ ...errs, [reviewId]: errorMessage(err) }));
    } finally {
      setVoting(null);
    }
  }

  return (
    <section aria-labelledby="reviews-heading" className="mt-16 border-t border-neutral-200 pt-8">
      <h2 id="reviews-heading" className="text-xl font-semibold tracking-tight">
        Reviews
      </h2>
      <div className="mt-4">
        {page.data ? <ReviewsSummary summary={page.data.summary} /> : <Spinner label="Loading reviews" />}
      </div>
      <div className="mt-8 grid gap-10 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div>
          <Select
            label="Sort reviews"
            name="review-sort"
            className="max-w-60"
            value={sort}
            onChange={(e) => {
              setSort(e.target.value as ReviewSort);
              setCursors([]);
            }}
          >
            {REVIEW_SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </Select>
          {!loading && !user && page.data?.items.length ? (
            <SignInHint next={next} to="mark reviews helpful" className="mt-3" />
          ) : null}
          <ul className="mt-6 space-y-6">
            {page.data?.items.map((r) => (
              <li key={r.id} className="border-b border-neutral-100 pb-6">
                <article aria-label={`Review: ${r.title}`}>
                  <p className="flex flex-wrap items-center gap-2">
                    <Stars rating={r.rating} />
                    <strong>{r.title}</strong>
                    {r.verified ? <Badge tone="green">Verified purchase</Badge> : null}
                  </p>
                  <p className="mt-1 text-sm text-neutral-600">
                    {r.authorName} · {new Date(r.createdAt).toLocaleDateString("en-GB", { timeZone: "UTC" })}
                  </p>
                  <p className="mt-2 whitespace-pre-line text-neutral-800">{r.body}</p>
                  <ReviewPhotos photos={r.photos} authorName={r.authorName} />
                  {r.reply ? (
                    <div className="mt-3 rounded-lg bg-neutral-50 p-3 text-sm">
                      <p className="font-medium">Reply from the shop</p>
                      <p className="mt-1 whitespace-pre-line">{r.reply}</p>
                    </div>
                  ) : null}
                  <HelpfulVote
                    review={r}
                    canVote={Boolean(user) && mine.isSuccess && mine.data?.id !== r.id}
                    pending={voting === r.id}
                    error={voteErrors[r.id]}
                    onVote={(wanted) => void vote(r.id, wanted)}
                  />
                  {user && !reported.has(r.id) ? (
                    <button
                      type="button"
                      className="mt-2 text-xs text-neutral-600 underline"
                      onClick={() =>
                        void report
                          .mutateAsync({ reviewId: r.id, reason: "Reported by a shopper from the product page" })
                          .then(() => setReported(new Set([...reported, r.id])))
                      }
                    >
                      Report this review
                    </button>
                  ) : null}
                  {reported.has(r.id) ? (
                    <p role="status" className="mt-2 text-xs text-neutral-600">
                      Thank you: a moderator will look at it.
                    </p>
                  ) : null}
                </article>
              </li>
            ))}
          </ul>
          <div className="mt-4 flex gap-3">
            {cursors.length > 0 ? (
              <Button variant="secondary" onClick={() => setCursors(cursors.slice(0, -1))}>
                Previous reviews
              </Button>
            ) : null}
            {page.data?.nextCursor ? (
              <Button variant="secondary" onClick={() => setCursors([...cursors, page.data.nextCursor ?? ""])}>
                More reviews
              </Button>
            ) : null}
          </div>
        </div>
        <div>
          {loading ? null : user ? (
            <ReviewForm productId={productId} />
          ) : (
            <SignInHint next={next} to="write a review" />
          )}
        </div>
      </div>
    </section>
  );
}
