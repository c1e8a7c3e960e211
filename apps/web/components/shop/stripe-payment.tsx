"use client";
// Stripe Elements, used when NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is set and the order's payment
// was created by Stripe. Stripe.js must come from js.stripe.com (PCI rules forbid bundling it),
// so it is loaded as a script; only the few calls used here are typed.
// Not exercised by the tests: they run without network access to Stripe.
import { useMercatoClient } from "@mercato/client/react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { STRIPE_PUBLISHABLE_KEY } from "@/lib/config.ts";
import { errorMessage, sentence } from "@/lib/shop/errors.ts";

interface StripeElement {
  mount(el: HTMLElement): void;
  destroy(): void;
}
interface StripeElements {
  create(kind: "payment"): StripeElement;
}
interface StripeJs {
  elements(opts: { clientSecret: string }): StripeElements;
  handleNextAction(opts: { clientSecret: string }): Promise<{ error?: { message?: string } }>;
  confirmPayment(opts: {
    elements: StripeElements;
    confirmParams: { return_url: string };
    redirect: "if_required";
  }): Promise<{ error?: { message?: string }; paymentIntent?: { status: string } }>;
}
export type StripeFactory = (key: string) => StripeJs;

let loading: Promise<StripeFactory> | null = null;
/** Stripe.js from js.stripe.com, loaded once (the account's saved cards use it too). */
export function loadStripe(): Promise<StripeFactory> {
  loading ??= new Promise((resolve, reject) => {
    const existing = (window as unknown as { Stripe?: StripeFactory }).Stripe;
    if (existing) return resolve(existing);
    const script = document.createElement("script");
    script.src = "https://js.stripe.com/v3";
    script.async = true;
    script.onload = () => {
      const loaded = (window as unknown as { Stripe?: StripeFactory }).Stripe;
      if (loaded) resolve(loaded);
      else reject(new Error("Stripe.js did not load"));
    };
    script.onerror = () => {
      loading = null;
      reject(new Error("Stripe.js could not be loaded"));
    };
    document.head.append(script);
  });
  return loading;
}

/**
 * Stripe's Payment Element for the order's PaymentIntent. After a reload during the bank's step
 * (`pendingStep`, from `payments.state`) it offers to continue that step (Stripe.js
 * `handleNextAction`) or to leave it (`payments.abandonStep`); either way the Payment Element
 * below stays usable, since Stripe confirms a `requires_action` PaymentIntent again with a new
 * payment method. One banner only: this page's latest outcome, else the previous attempt's.
 */
export function StripePayment({
  payment,
  pendingStep = false,
  previousError = null,
  returnUrl,
  onSucceeded,
}: {
  payment: { paymentId: string; clientSecret: string };
  pendingStep?: boolean;
  previousError?: string | null;
  returnUrl: string;
  onSucceeded(): void;
}) {
  const client = useMercatoClient();
  const clientSecret = payment.clientSecret;
  const host = useRef<HTMLDivElement>(null);
  const [stripe, setStripe] = useState<{ js: StripeJs; elements: StripeElements } | null>(null);
  const [error, setError] = useState<string | null>(previousError ? sentence(previousError) : null);
  const [busy, setBusy] = useState(false);
  const [stepPending, setStepPending] = useState(pendingStep);

  const continueStep = async () => {
    if (!stripe) return;
    setBusy(true);
    setError(null);
    const result = await stripe.js.handleNextAction({ clientSecret });
    setBusy(false);
    if (result.error) setError(sentence(result.error.message ?? "Your bank did not approve the payment."));
    else onSucceeded();
  };

  const leaveStep = async () => {
    setBusy(true);
    setError(null);
    try {
      await client.payments.abandonStep.mutate(payment);
      setStepPending(false);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    let element: StripeElement | undefined;
    loadStripe()
      .then((factory) => {
        const js = factory(STRIPE_PUBLISHABLE_KEY);
        const elements = js.elements({ clientSecret });
        element = elements.create("payment");
        if (host.current) element.mount(host.current);
        setStripe({ js, elements });
      })
      .catch((err: Error) => setError(err.message));
    return () => element?.destroy();
  }, [clientSecret]);

  return (
    <form
      className="space-y-4"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!stripe) return;
        setBusy(true);
        setError(null);
        const result = await stripe.js.confirmPayment({
          elements: stripe.elements,
          confirmParams: { return_url: returnUrl },
          redirect: "if_required",
        });
        setBusy(false);
        // The order itself moves on through Stripe's webhook; the order page follows it live.
        if (result.error) setError(sentence(result.error.message ?? "Your payment failed. Try again."));
        else onSucceeded();
      }}
    >
      {stepPending ? (
        <div className="space-y-3 rounded-xl border border-brand-100 bg-brand-50 p-4">
          <p className="text-sm text-neutral-700">
            Your bank&apos;s check for this payment was not finished. Continue it, or pay with another card below.
          </p>
          <div className="flex flex-wrap gap-3">
            <Button type="button" disabled={!stripe || busy} onClick={continueStep}>
              Continue with your bank
            </Button>
            <Button type="button" variant="secondary" disabled={busy} onClick={leaveStep}>
              Use another card
            </Button>
          </div>
        </div>
      ) : null}
      <div ref={host} className="min-h-24">
        {stripe ? null : <Spinner label="Loading secure payment form" />}
      </div>
      {error ? <ErrorNote>{error}</ErrorNote> : null}
      <Button type="submit" className="w-full py-3 text-base" disabled={!stripe || busy}>
        {busy ? "Paying…" : error ? "Try again" : "Pay now"}
      </Button>
    </form>
  );
}
