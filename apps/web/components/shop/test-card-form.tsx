"use client";
import { useMercatoClient } from "@mercato/client/react";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { ErrorNote } from "@/components/ui/states.tsx";
import { type CardErrors, cardErrors, confirmCard } from "@/lib/shop/card-input.ts";
import { errorMessage, fieldErrors, sentence } from "@/lib/shop/errors.ts";

/** The built-in provider's documented cards (the same numbers as Stripe's test mode). */
const TEST_CARDS = [
  ["4242 4242 4242 4242", "Succeeds"],
  ["4000 0000 0000 0002", "Declined"],
  ["4000 0000 0000 9995", "Insufficient funds"],
  ["4000 0000 0000 3220", "Asks for 3-D Secure"],
] as const;

export interface PaymentRef {
  paymentId: string;
  clientSecret: string;
}

/**
 * Pays with a test card through `payments.confirmTest`. A decline keeps the form for a retry of
 * the same payment; a 3-D Secure card shows the extra step (`payments.completeTestAction`), also
 * after a reload (`pendingStep`: read from `payments.state`), with "Use another card"
 * (`payments.abandonStep`) beside it. One banner only: this page's latest outcome, else the
 * previous attempt's (`previousError`) until the shopper tries again.
 */
export function TestCardForm({
  payment,
  onSucceeded,
  pendingStep = false,
  previousError = null,
}: {
  payment: PaymentRef;
  onSucceeded(): void;
  pendingStep?: boolean;
  previousError?: string | null;
}) {
  const client = useMercatoClient();
  const [card, setCard] = useState("");
  const [expiry, setExpiry] = useState("12 / 34");
  const [cvc, setCvc] = useState("123");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(previousError ? sentence(previousError) : null);
  // Shown under each input: the browser's own checks first, then the provider's field errors.
  const [fields, setFields] = useState<CardErrors>({});
  const [needsAction, setNeedsAction] = useState(pendingStep);

  const outcome = (answer: { status: string; message?: string }) => {
    if (answer.status === "succeeded") return onSucceeded();
    if (answer.status === "requires_action") return setNeedsAction(true);
    setNeedsAction(false);
    setError(sentence(answer.message ?? "Your card was declined."));
  };

  const pay = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const local = cardErrors({ number: card, expiry, cvc });
    setFields(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      outcome(await client.payments.confirmTest.mutate({ ...payment, ...confirmCard({ number: card, expiry, cvc }) }));
    } catch (err) {
      const server = fieldErrors(err);
      const named: CardErrors = {
        ...(server["card.number"] || server.card ? { "card.number": server["card.number"] ?? server.card } : {}),
        ...(server["card.expiry"] ? { "card.expiry": server["card.expiry"] } : {}),
        ...(server["card.cvc"] ? { "card.cvc": server["card.cvc"] } : {}),
      };
      setFields(named);
      if (Object.keys(named).length === 0) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const authenticate = async (approve: boolean) => {
    setBusy(true);
    setError(null);
    try {
      outcome(await client.payments.completeTestAction.mutate({ ...payment, approve }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  // Gives the pending step up and returns to the card form (idempotent at payments).
  const useAnotherCard = async () => {
    setBusy(true);
    setError(null);
    try {
      await client.payments.abandonStep.mutate(payment);
      setNeedsAction(false);
      setCard("");
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (needsAction) {
    return (
      <div
        className="space-y-4 rounded-xl border border-brand-100 bg-brand-50 p-5"
        role="dialog"
        aria-labelledby="tds-title"
      >
        <h3 id="tds-title" className="font-semibold">
          Confirm this payment with your bank
        </h3>
        <p className="text-sm text-neutral-700">
          Your bank asks you to approve this purchase (a test 3-D Secure step: choose the outcome). You can also leave
          this step and pay with another card.
        </p>
        <div className="flex flex-wrap gap-3">
          <Button disabled={busy} onClick={() => authenticate(true)}>
            Approve
          </Button>
          <Button variant="secondary" disabled={busy} onClick={() => authenticate(false)}>
            Fail authentication
          </Button>
          <Button variant="secondary" disabled={busy} onClick={useAnotherCard}>
            Use another card
          </Button>
        </div>
        {error ? <ErrorNote>{error}</ErrorNote> : null}
      </div>
    );
  }

  return (
    <form onSubmit={pay} className="space-y-4">
      <Field
        label="Card number"
        name="card"
        inputMode="numeric"
        autoComplete="cc-number"
        placeholder="4242 4242 4242 4242"
        required
        value={card}
        error={fields["card.number"]}
        onChange={(e) => setCard(e.target.value)}
      />
      <div className="grid grid-cols-2 gap-4">
        <Field
          label="Expiry"
          name="expiry"
          autoComplete="cc-exp"
          placeholder="MM / YY"
          required
          value={expiry}
          error={fields["card.expiry"]}
          onChange={(e) => setExpiry(e.target.value)}
        />
        <Field
          label="CVC"
          name="cvc"
          inputMode="numeric"
          autoComplete="cc-csc"
          placeholder="123"
          required
          value={cvc}
          error={fields["card.cvc"]}
          onChange={(e) => setCvc(e.target.value)}
        />
      </div>
      {error ? (
        <ErrorNote>
          <span className="font-medium">Payment failed.</span> {error} Check the details or use another card, then try
          again: your order is still held.
        </ErrorNote>
      ) : null}
      <Button type="submit" className="w-full py-3 text-base" disabled={busy || !card.trim()}>
        {busy ? "Paying…" : error ? "Try again" : "Pay now"}
      </Button>
      <details className="rounded-lg bg-neutral-50 p-3 text-sm" open>
        <summary className="cursor-pointer font-medium">Test cards</summary>
        <p className="mt-2 text-neutral-600">This shop runs without a payment provider: use any of these numbers.</p>
        <ul className="mt-2 space-y-1">
          {TEST_CARDS.map(([number, what]) => (
            <li key={number} className="flex items-center justify-between gap-2">
              <button
                type="button"
                className="font-mono text-brand-700 underline"
                onClick={() => {
                  setCard(number);
                  setFields({});
                }}
              >
                {number}
              </button>
              <span className="text-neutral-500">{what}</span>
            </li>
          ))}
        </ul>
      </details>
    </form>
  );
}
