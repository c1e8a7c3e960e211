"use client";
import { useMercato, useMercatoClient } from "@mercato/client/react";
// The checkout's pay step offers a signed-in shopper's saved cards (#20): one choice and a click
// pays the order (`payments.methods.pay`), no card typed. A 3-D Secure card still asks for its
// step: the test provider's approve/fail choice, or Stripe.js's own (handleNextAction).
import type { SavedPayAnswer } from "@mercato/payments/contract";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { loadStripe } from "@/components/shop/stripe-payment.tsx";
import { Button } from "@/components/ui/button.tsx";
import { ErrorNote } from "@/components/ui/states.tsx";
import { STRIPE_PUBLISHABLE_KEY } from "@/lib/config.ts";
import { useSession } from "@/lib/session.tsx";
import { errorMessage } from "@/lib/shop/errors.ts";
import { cardExpiry, cardName } from "./payment-methods.tsx";

interface StripeActionJs {
  handleNextAction(opts: { clientSecret: string }): Promise<{ error?: { message?: string } }>;
}

export function SavedCardPay({
  payment,
  provider,
  returnUrl,
  onSucceeded,
}: {
  payment: { paymentId: string; clientSecret: string };
  provider: string;
  returnUrl: string;
  onSucceeded(): void;
}) {
  const { user } = useSession();
  const m = useMercato();
  const client = useMercatoClient();
  const list = useQuery({ ...m.payments.methods.list.queryOptions(), enabled: Boolean(user) });
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [needsAction, setNeedsAction] = useState(false);

  const methods = list.data ?? [];
  if (!user || methods.length === 0) return null;
  const selected = chosen ?? methods[0]?.id ?? null;

  const outcome = async (answer: SavedPayAnswer) => {
    if (answer.status === "succeeded" || answer.status === "processing") return onSucceeded();
    if (answer.status === "requires_action") {
      if (provider !== "stripe") return setNeedsAction(true);
      const js = (await loadStripe())(STRIPE_PUBLISHABLE_KEY) as unknown as StripeActionJs;
      const result = await js.handleNextAction({ clientSecret: payment.clientSecret });
      if (result.error) throw new Error(result.error.message ?? "Your bank did not approve the payment.");
      return onSucceeded();
    }
    setNeedsAction(false);
    setError(answer.message ?? "Your card was declined.");
  };

  const run = async (call: () => Promise<SavedPayAnswer>) => {
    setBusy(true);
    setError(null);
    try {
      await outcome(await call());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (needsAction) {
    return (
      <div
        className="mb-6 space-y-4 rounded-xl border border-brand-100 bg-brand-50 p-5"
        role="dialog"
        aria-labelledby="saved-tds-title"
      >
        <h3 id="saved-tds-title" className="font-semibold">
          Confirm this payment with your bank
        </h3>
        <p className="text-sm text-neutral-700">
          Your bank asks you to approve this purchase (a test 3-D Secure step: choose the outcome).
        </p>
        <div className="flex gap-3">
          <Button
            disabled={busy}
            onClick={() => run(() => client.payments.completeTestAction.mutate({ ...payment, approve: true }))}
          >
            Approve
          </Button>
          <Button
            variant="secondary"
            disabled={busy}
            onClick={() => run(() => client.payments.completeTestAction.mutate({ ...payment, approve: false }))}
          >
            Fail authentication
          </Button>
        </div>
        {error ? <ErrorNote>{error}</ErrorNote> : null}
      </div>
    );
  }

  return (
    <form
      className="mb-6 space-y-4 border-b border-neutral-200 pb-6"
      onSubmit={(e) => {
        e.preventDefault();
        if (!selected) return;
        void run(() => client.payments.methods.pay.mutate({ ...payment, paymentMethodId: selected, returnUrl }));
      }}
    >
      <fieldset className="space-y-2">
        <legend className="mb-2 text-sm font-medium text-neutral-700">Pay with a saved card</legend>
        {methods.map((method) => (
          <label
            key={method.id}
            className="flex cursor-pointer items-center gap-3 rounded-lg border border-neutral-200 px-3 py-2 text-sm has-[:checked]:border-brand-500"
          >
            <input
              type="radio"
              name="saved-card"
              value={method.id}
              checked={selected === method.id}
              onChange={() => setChosen(method.id)}
            />
            <span className="font-medium">{cardName(method)}</span>
            <span className="text-neutral-600">expires {cardExpiry(method)}</span>
          </label>
        ))}
      </fieldset>
      {error ? (
        <ErrorNote>
          <span className="font-medium">Payment failed.</span> {error}
        </ErrorNote>
      ) : null}
      <Button type="submit" className="w-full py-3 text-base" disabled={busy || !selected}>
        {busy ? "Paying…" : "Pay with saved card"}
      </Button>
      <p className="text-center text-sm text-neutral-500">or pay with another card below</p>
    </form>
  );
}
