"use client";
import { useMercato, useMercatoClient } from "@mercato/client/react";
// The account's saved cards (#20): listed (brand, last 4, expiry) and removable; a new one is
// saved through Stripe Elements with a SetupIntent when Stripe takes payments, or as a test card
// with the built-in provider (checked in the browser with the rules the provider applies).
import type { SavedMethodView } from "@mercato/payments/contract";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { loadStripe } from "@/components/shop/stripe-payment.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Empty, ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { STRIPE_PUBLISHABLE_KEY } from "@/lib/config.ts";
import { type CardErrors, cardErrors } from "@/lib/shop/card-input.ts";
import { errorMessage, fieldErrors } from "@/lib/shop/errors.ts";

/** How a card brand (Stripe's `card.brand`) reads to a shopper; an unknown one as Stripe sent it. */
export function brandName(brand: string): string {
  const names: Record<string, string> = {
    visa: "Visa",
    mastercard: "Mastercard",
    amex: "American Express",
    discover: "Discover",
    diners: "Diners Club",
    jcb: "JCB",
    unionpay: "UnionPay",
  };
  return names[brand] ?? brand;
}

/** "Visa ending in 4242", as a card is named in lists, buttons and labels. */
export function cardName(method: Pick<SavedMethodView, "brand" | "last4">): string {
  return `${brandName(method.brand)} ending in ${method.last4}`;
}

export function cardExpiry(method: Pick<SavedMethodView, "expMonth" | "expYear">): string {
  return `${String(method.expMonth).padStart(2, "0")}/${String(method.expYear).slice(-2)}`;
}

/** The saved cards and the form to add one. */
export function PaymentMethods() {
  const m = useMercato();
  const queryClient = useQueryClient();
  const mode = useQuery(m.payments.mode.queryOptions());
  const list = useQuery(m.payments.methods.list.queryOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: m.payments.methods.list.queryKey() });
  const remove = useMutation(m.payments.methods.remove.mutationOptions({ onSuccess: invalidate }));
  const [notice, setNotice] = useState<string | null>(null);

  const saved = (method: SavedMethodView) => {
    setNotice(`${cardName(method)} saved.`);
    void invalidate();
  };

  return (
    <div className="grid gap-10 lg:grid-cols-[1fr_22rem]">
      <section aria-labelledby="saved-cards-heading">
        <h2 id="saved-cards-heading" className="mb-4 text-lg font-semibold">
          Saved cards
        </h2>
        {list.isLoading ? <Spinner label="Loading your cards" /> : null}
        {list.isError ? <ErrorNote>{errorMessage(list.error)}</ErrorNote> : null}
        {list.data && list.data.length === 0 ? (
          <Empty title="No saved cards yet">Save a card here to pay for orders without typing it again.</Empty>
        ) : null}
        {list.data && list.data.length > 0 ? (
          <ul className="space-y-3" data-testid="saved-cards">
            {list.data.map((method) => (
              <li
                key={method.id}
                data-testid="saved-card"
                className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-neutral-200 p-4"
              >
                <div>
                  <p className="font-medium">{cardName(method)}</p>
                  <p className="text-sm text-neutral-600">Expires {cardExpiry(method)}</p>
                </div>
                <Button
                  variant="secondary"
                  aria-label={`Remove ${cardName(method)}`}
                  disabled={remove.isPending}
                  onClick={() =>
                    remove.mutate(
                      { paymentMethodId: method.id },
                      { onSuccess: () => setNotice(`${cardName(method)} removed.`) },
                    )
                  }
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
        {remove.error ? (
          <div className="mt-3">
            <ErrorNote>{errorMessage(remove.error)}</ErrorNote>
          </div>
        ) : null}
        {notice ? (
          <p role="status" className="mt-3 text-sm text-emerald-700">
            {notice}
          </p>
        ) : null}
      </section>
      <section aria-labelledby="add-card-heading" className="h-fit rounded-2xl border border-neutral-200 p-5">
        <h2 id="add-card-heading" className="mb-4 text-lg font-semibold">
          Add a card
        </h2>
        {mode.isLoading ? <Spinner label="Loading" /> : null}
        {mode.data?.provider === "stripe" && STRIPE_PUBLISHABLE_KEY ? <StripeSetupForm onSaved={saved} /> : null}
        {mode.data?.provider === "test" ? <TestCardSetupForm onSaved={saved} /> : null}
      </section>
    </div>
  );
}

/** Saves a test card through `payments.methods.setupTest`. */
function TestCardSetupForm({ onSaved }: { onSaved(method: SavedMethodView): void }) {
  const client = useMercatoClient();
  const [card, setCard] = useState("");
  const [expiry, setExpiry] = useState("");
  const [cvc, setCvc] = useState("");
  const [fields, setFields] = useState<CardErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const local = cardErrors({ number: card, expiry, cvc });
    setFields(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const method = await client.payments.methods.setupTest.mutate({
        card: { number: card.trim(), expiry: expiry.trim(), cvc: cvc.trim() },
      });
      setCard("");
      setExpiry("");
      setCvc("");
      onSaved(method);
    } catch (err) {
      const server = fieldErrors(err);
      const named: CardErrors = {
        ...(server["card.number"] ? { "card.number": server["card.number"] } : {}),
        ...(server["card.expiry"] ? { "card.expiry": server["card.expiry"] } : {}),
        ...(server["card.cvc"] ? { "card.cvc": server["card.cvc"] } : {}),
      };
      setFields(named);
      if (Object.keys(named).length === 0) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="space-y-4" aria-label="Add a test card">
      <Field
        label="Card number"
        name="new-card-number"
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
          name="new-card-expiry"
          autoComplete="cc-exp"
          placeholder="MM / YY"
          required
          value={expiry}
          error={fields["card.expiry"]}
          onChange={(e) => setExpiry(e.target.value)}
        />
        <Field
          label="CVC"
          name="new-card-cvc"
          inputMode="numeric"
          autoComplete="cc-csc"
          placeholder="123"
          required
          value={cvc}
          error={fields["card.cvc"]}
          onChange={(e) => setCvc(e.target.value)}
        />
      </div>
      {error ? <ErrorNote>{error}</ErrorNote> : null}
      <Button type="submit" className="w-full" disabled={busy || !card.trim()}>
        {busy ? "Saving…" : "Save card"}
      </Button>
      <p className="text-xs text-neutral-500">
        This shop runs without a payment provider: save a test card such as 4242 4242 4242 4242 (or 4000 0000 0000 3220,
        which asks for 3-D Secure at each payment).
      </p>
    </form>
  );
}

interface StripeSetupJs {
  elements(opts: { clientSecret: string }): { create(kind: "payment"): StripeMountable };
  confirmSetup(opts: {
    elements: unknown;
    confirmParams: { return_url: string };
    redirect: "if_required";
  }): Promise<{ error?: { message?: string }; setupIntent?: { id: string; status: string } }>;
}
interface StripeMountable {
  mount(el: HTMLElement): void;
  destroy(): void;
}

/** Saves a card with Stripe Elements: a SetupIntent's client secret, confirmSetup, then payments records it. */
function StripeSetupForm({ onSaved }: { onSaved(method: SavedMethodView): void }) {
  const client = useMercatoClient();
  const host = useRef<HTMLDivElement>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [stripe, setStripe] = useState<{ js: StripeSetupJs; elements: unknown } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!secret) return;
    let element: StripeMountable | undefined;
    loadStripe()
      .then((factory) => {
        const js = factory(STRIPE_PUBLISHABLE_KEY) as unknown as StripeSetupJs;
        const elements = js.elements({ clientSecret: secret });
        element = elements.create("payment");
        if (host.current) element.mount(host.current);
        setStripe({ js, elements });
      })
      .catch((err: Error) => setError(err.message));
    return () => element?.destroy();
  }, [secret]);

  if (!secret) {
    return (
      <div className="space-y-3">
        {error ? <ErrorNote>{error}</ErrorNote> : null}
        <Button
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              setSecret((await client.payments.methods.startSetup.mutate()).clientSecret);
            } catch (err) {
              setError(errorMessage(err));
            } finally {
              setBusy(false);
            }
          }}
        >
          Add a card
        </Button>
      </div>
    );
  }

  return (
    <form
      className="space-y-4"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!stripe) return;
        setBusy(true);
        setError(null);
        const result = await stripe.js.confirmSetup({
          elements: stripe.elements,
          confirmParams: { return_url: window.location.href },
          redirect: "if_required",
        });
        try {
          if (result.error || !result.setupIntent) throw new Error(result.error?.message ?? "The card was not saved.");
          onSaved(await client.payments.methods.recordSetup.mutate({ setupIntentId: result.setupIntent.id }));
          setSecret(null);
          setStripe(null);
        } catch (err) {
          setError(errorMessage(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <div ref={host} className="min-h-24">
        {stripe ? null : <Spinner label="Loading secure card form" />}
      </div>
      {error ? <ErrorNote>{error}</ErrorNote> : null}
      <Button type="submit" className="w-full" disabled={!stripe || busy}>
        {busy ? "Saving…" : "Save card"}
      </Button>
    </form>
  );
}
