"use client";
import { useMercato, useMercatoClient } from "@mercato/client/react";
import { needsSubdivision } from "@mercato/pricing";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Money } from "@/components/ui/money.tsx";
import { Empty, ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { useSession } from "@/lib/session.tsx";
import { useCart } from "@/lib/shop/cart.tsx";
import { codeProblemText, errorCode, errorMessage, fieldErrors, fieldsUnder } from "@/lib/shop/errors.ts";
import { taxAwaitsAddress } from "@/lib/shop/region-choice.ts";
import { useCartRegion, useRegion } from "@/lib/shop/region-context.tsx";
import type { Address } from "@/lib/shop/types.ts";
import { AddressFields, allCountries, cleanAddress, emptyAddress } from "./address-fields.tsx";
import { CartTotals } from "./cart-lines.tsx";
import { type AppliedGiftCard, GiftCardField } from "./gift-card-field.tsx";
import { PendingOrderNotice, PREFILL_EVENT, takeCheckoutPrefill } from "./pending-order.tsx";
import { ShippingStep } from "./shipping-step.tsx";

/** Why the order was not placed: a sentence for the summary, and the reasons for the fields named. */
interface CheckoutProblem {
  message: string;
  fields: Record<string, string>;
}

/**
 * Contact, shipping address, shipping method and billing, the totals the cart service computed
 * (shipping and tax per rate included), then `orders.checkout`. The address's country and state go
 * to the cart as they are picked (`cart.setDestination`), so the options and the tax shown are the
 * destination's; which countries are offered and whether a state is asked come from the region. The idempotency key belongs to this attempt: a retry after a lost answer
 * re-sends it (same order), and it is renewed once the shopper changes what they are ordering.
 */
export function CheckoutForm() {
  const router = useRouter();
  const m = useMercato();
  const client = useMercatoClient();
  const { user, loading: sessionLoading } = useSession();
  const { cart, loading, setDestination } = useCart();
  const { regions } = useRegion();
  // The cart's own region decides (it is the shopper's once the cart followed their pick).
  const region = useCartRegion(cart);
  const [email, setEmail] = useState("");
  const [shipping, setShipping] = useState<Address>(() => emptyAddress(region.defaultCountry));
  const [billingSame, setBillingSame] = useState(true);
  const [billing, setBilling] = useState<Address>(() => emptyAddress(region.defaultCountry));
  const [destinationErrors, setDestinationErrors] = useState<Record<string, string>>({});
  const [attemptKey, setAttemptKey] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<CheckoutProblem | null>(null);
  const [giftCard, setGiftCard] = useState<AppliedGiftCard | null>(null);

  const saved = useQuery({ ...m.identity.addresses.list.queryOptions(), enabled: Boolean(user) });

  // Back from payment with "change address or shipping": the released order's details, once:
  // waiting when the form mounts, or announced when the release happened on this very page.
  useEffect(() => {
    const apply = () => {
      const prefill = takeCheckoutPrefill();
      if (!prefill) return;
      setEmail(prefill.email);
      setShipping({ ...emptyAddress(prefill.shippingAddress.country), ...prefill.shippingAddress });
      const sameBilling = JSON.stringify(prefill.billingAddress) === JSON.stringify(prefill.shippingAddress);
      setBillingSame(sameBilling);
      if (!sameBilling) setBilling({ ...emptyAddress(prefill.billingAddress.country), ...prefill.billingAddress });
    };
    apply();
    window.addEventListener(PREFILL_EVENT, apply);
    return () => window.removeEventListener(PREFILL_EVENT, apply);
  }, []);

  useEffect(() => {
    if (user && !email) setEmail(user.email);
  }, [user, email]);

  // Start from the default shipping address of a signed-in shopper, among those the region ships to.
  const addresses = (saved.data ?? []).filter((a) => region.countries.includes(a.country));
  useEffect(() => {
    const preferred = addresses.find((a) => a.isDefaultShipping) ?? addresses[0];
    if (preferred && !shipping.line1) setShipping(fromSaved(preferred));
  }, [addresses, shipping.line1]);

  // The cart prices tax and shipping for the destination: tell it when the country or state changes.
  const subdivisionNeeded = needsSubdivision(region.taxRates, shipping.country);
  const destinationCountry = cart?.destination.country ?? null;
  const destinationSubdivision = cart?.destination.subdivision ?? null;
  const wantedSubdivision = subdivisionNeeded ? shipping.subdivision || null : null;
  const hasCart = Boolean(cart?.cartId);
  useEffect(() => {
    if (!hasCart || !shipping.country) return;
    if (shipping.country === destinationCountry && wantedSubdivision === destinationSubdivision) return;
    setDestinationErrors({});
    setDestination(shipping.country, wantedSubdivision ?? undefined).catch((err: unknown) =>
      setDestinationErrors(fieldErrors(err)),
    );
  }, [hasCart, shipping.country, wantedSubdivision, destinationCountry, destinationSubdivision, setDestination]);

  const edit =
    <T,>(setter: (v: T) => void) =>
    (v: T) => {
      // A changed order is a new attempt: the old key would be refused as "a different checkout".
      setAttemptKey(null);
      setter(v);
    };

  if (loading || sessionLoading) return <Spinner label="Loading checkout" />;
  if (!cart || cart.lines.length === 0) {
    return (
      <div className="space-y-6">
        <PendingOrderNotice />
        <Empty title="Your cart is empty">
          <Link href="/" className="text-brand-700 underline">
            Continue shopping
          </Link>
        </Empty>
      </div>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitting(true);
    setError(null);
    const key = attemptKey ?? crypto.randomUUID();
    setAttemptKey(key);
    try {
      // A guest's cart token rides in its HttpOnly cookie, the order's comes back in one (the proxy).
      const result = await client.orders.checkout.mutate({
        email: email.trim(),
        shippingAddress: cleanAddress(subdivisionNeeded ? shipping : { ...shipping, subdivision: "" }),
        ...(cart.shippingOptionId ? { shippingOptionId: cart.shippingOptionId } : {}),
        ...(billingSame ? {} : { billingAddress: cleanAddress(billing) }),
        ...(giftCard ? { giftCardCode: giftCard.code } : {}),
        idempotencyKey: key,
      });
      if (result.status === "CANCELLED") {
        setError({
          message: result.cancellation?.reason ?? "The order could not be placed: some items are no longer in stock.",
          fields: {},
        });
        setAttemptKey(null);
        return;
      }
      router.push(`/checkout/pay/${result.orderId}`);
    } catch (err) {
      // A refusal (bad field, code no longer valid) means this key is spent on nothing: start afresh.
      if (errorCode(err) && errorCode(err) !== "INTERNAL_SERVER_ERROR") setAttemptKey(null);
      setError({ message: errorMessage(err), fields: fieldErrors(err) });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form onSubmit={submit} className="grid gap-10 lg:grid-cols-[1fr_24rem]" noValidate={false}>
      <div className="space-y-8">
        <section aria-labelledby="contact-heading" className="space-y-4">
          <h2 id="contact-heading" className="text-lg font-semibold">
            Contact
          </h2>
          {user ? (
            <p className="text-sm text-neutral-600">
              Signed in as <span className="font-medium text-ink">{user.email}</span>
            </p>
          ) : (
            <p className="text-sm text-neutral-600">
              Checking out as a guest.{" "}
              <Link href="/account/sign-in?next=/checkout" className="text-brand-700 underline">
                Sign in
              </Link>{" "}
              to use saved addresses.
            </p>
          )}
          <Field
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => edit(setEmail)(e.target.value)}
            error={error?.fields.email}
            hint="We send the order confirmation here."
          />
        </section>

        <section aria-labelledby="shipping-heading" className="space-y-4">
          <h2 id="shipping-heading" className="text-lg font-semibold">
            Shipping address
          </h2>
          {addresses.length > 0 ? (
            <fieldset>
              <legend className="mb-2 text-sm font-medium text-neutral-700">Saved addresses</legend>
              <div className="grid gap-2 sm:grid-cols-2">
                {addresses.map((a) => (
                  <button
                    key={a.id}
                    type="button"
                    onClick={() => edit(setShipping)(fromSaved(a))}
                    aria-pressed={shipping.line1 === a.line1 && shipping.postalCode === a.postalCode}
                    className="rounded-lg border border-neutral-300 p-3 text-left text-sm hover:border-brand-500 aria-pressed:border-brand-600 aria-pressed:ring-1 aria-pressed:ring-brand-600"
                  >
                    <span className="font-medium">{a.name}</span>
                    <span className="block text-neutral-600">
                      {a.line1}, {a.postalCode} {a.city}, {a.country}
                    </span>
                  </button>
                ))}
              </div>
            </fieldset>
          ) : null}
          <AddressFields
            prefix="shipping"
            value={shipping}
            onChange={edit(setShipping)}
            countries={region.countries}
            subdivision={subdivisionNeeded}
            errors={{ ...destinationErrors, ...(error ? fieldsUnder(error.fields, "shippingAddress") : {}) }}
          />
          {region.countries.length < allCountries(regions).length ? (
            <p className="text-xs text-neutral-500">
              Prices are in {region.currency} for {region.name}. Shipping elsewhere? Change the region at the top of the
              page.
            </p>
          ) : null}
        </section>

        <ShippingStep cart={cart} error={error?.fields.shippingOptionId} onChange={() => setAttemptKey(null)} />

        <section aria-labelledby="billing-heading" className="space-y-4">
          <h2 id="billing-heading" className="text-lg font-semibold">
            Billing address
          </h2>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={billingSame}
              onChange={(e) => edit(setBillingSame)(e.target.checked)}
              className="accent-brand-600"
            />
            Same as shipping
          </label>
          {billingSame ? null : (
            <AddressFields
              prefix="billing"
              value={billing}
              onChange={edit(setBilling)}
              countries={allCountries(regions)}
              errors={error ? fieldsUnder(error.fields, "billingAddress") : {}}
            />
          )}
        </section>
      </div>

      <aside
        aria-label="Order summary"
        className="h-fit space-y-5 rounded-2xl border border-neutral-200 p-5 lg:sticky lg:top-32"
      >
        <h2 className="text-lg font-semibold">Order summary</h2>
        <ul className="space-y-3 text-sm">
          {cart.lines.map((l) => (
            <li key={l.sku} className="flex justify-between gap-3">
              <span className="min-w-0">
                <span className="font-medium">{l.title}</span>
                <span className="block text-neutral-500">
                  {Object.values(l.options).join(" · ")} × {l.quantity}
                </span>
              </span>
              <Money amount={l.lineTotal} currency={cart.currency} />
            </li>
          ))}
        </ul>
        {cart.discount ? (
          <p className="text-sm text-neutral-600">
            Code <span className="font-medium">{cart.discount.code}</span>
            {cart.discount.problem ? ` — ${codeProblemText(cart.discount.problem.message)}` : " applied"}
          </p>
        ) : null}
        <CartTotals
          totals={cart.totals}
          shippingName={cart.totals.shippingMethod?.name ?? null}
          estimated={cart.taxEstimated}
          taxPending={taxAwaitsAddress(region, cart.destination)}
        />
        <GiftCardField
          total={cart.totals.total}
          currency={cart.currency}
          applied={giftCard}
          onApply={edit(setGiftCard)}
          error={error?.fields.giftCardCode}
        />
        {cart.hasProblems ? (
          <ErrorNote>
            Some items cannot be bought as they are.{" "}
            <Link href="/cart" className="underline">
              Review your cart
            </Link>
            .
          </ErrorNote>
        ) : null}
        {error ? <ErrorNote>{error.message}</ErrorNote> : null}
        <Button type="submit" className="w-full py-3 text-base" disabled={submitting || cart.hasProblems}>
          {submitting ? "Placing your order…" : "Continue to payment"}
        </Button>
        <p className="text-xs text-neutral-500">You pay on the next step. Your items are held for you meanwhile.</p>
      </aside>
    </form>
  );
}

function fromSaved(a: {
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string;
  country: string;
  phone: string | null;
}): Address {
  return {
    name: a.name,
    line1: a.line1,
    line2: a.line2 ?? "",
    city: a.city,
    postalCode: a.postalCode,
    country: a.country,
    phone: a.phone ?? "",
  };
}
