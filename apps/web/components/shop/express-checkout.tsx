"use client";
// Express wallets (Apple Pay, Google Pay, Link) on the pay step, through Stripe's Express Checkout
// Element (@stripe/react-stripe-js), for a payment Stripe made: it confirms the same
// PaymentIntent the card form pays (its client secret), so the webhook moves the order as for a
// card. Rendered only when NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is set and the payment is Stripe's
// (pay-order.tsx loads this file lazily then, so test-provider pages never load it or Stripe.js).
// Stripe.js comes from js.stripe.com (`@stripe/stripe-js/pure` loads it on the first call, not
// on import). Not exercised against Stripe by the tests (no network here): they check that it is
// absent in test mode, and `tsc` checks its wiring against the libraries' types.
import { Elements, ExpressCheckoutElement, useElements, useStripe } from "@stripe/react-stripe-js";
import type { Stripe, StripeExpressCheckoutElementConfirmEvent } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";
import { useState } from "react";
import { ErrorNote } from "@/components/ui/states.tsx";
import { STRIPE_PUBLISHABLE_KEY } from "@/lib/config.ts";
import { sentence } from "@/lib/shop/errors.ts";

let stripePromise: Promise<Stripe | null> | null = null;
function stripe(): Promise<Stripe | null> {
  stripePromise ??= loadStripe(STRIPE_PUBLISHABLE_KEY);
  return stripePromise;
}

export function ExpressCheckout({
  clientSecret,
  returnUrl,
  onSucceeded,
}: {
  clientSecret: string;
  returnUrl: string;
  onSucceeded(): void;
}) {
  return (
    <Elements stripe={stripe()} options={{ clientSecret }}>
      <ExpressButtons returnUrl={returnUrl} onSucceeded={onSucceeded} />
    </Elements>
  );
}

function ExpressButtons({ returnUrl, onSucceeded }: { returnUrl: string; onSucceeded(): void }) {
  const js = useStripe();
  const elements = useElements();
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState(false);

  const confirm = async (event: StripeExpressCheckoutElementConfirmEvent) => {
    if (!js || !elements) return;
    setError(null);
    const result = await js.confirmPayment({
      elements,
      confirmParams: { return_url: returnUrl },
      redirect: "if_required",
    });
    if (result.error) {
      event.paymentFailed({ reason: "fail" });
      setError(sentence(result.error.message ?? "Your payment failed. Try again or pay by card."));
    } else {
      onSucceeded();
    }
  };

  return (
    <section aria-label="Express checkout" className={shown ? "mb-6 space-y-3" : "hidden"} data-testid="express">
      <ExpressCheckoutElement
        options={{ buttonType: { applePay: "buy", googlePay: "buy" } }}
        // Only wallets the device offers are shown; with none the section stays hidden.
        onReady={({ availablePaymentMethods }) => setShown(Boolean(availablePaymentMethods))}
        onConfirm={confirm}
      />
      {error ? <ErrorNote>{error}</ErrorNote> : null}
      <p className="text-center text-xs text-neutral-500">or pay by card</p>
    </section>
  );
}
