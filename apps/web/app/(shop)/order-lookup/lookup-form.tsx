"use client";
import { useMercatoClient } from "@mercato/client/react";
import { orderLookupInput } from "@mercato/orders/contract";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { ErrorNote } from "@/components/ui/states.tsx";
import { errorCode, errorMessage, fieldErrors } from "@/lib/shop/errors.ts";

type Fields = Partial<Record<"orderNumber" | "email", string>>;

/**
 * Order number + email → a fresh link to the order by email. The answer is the same whether or
 * not they matched (orders tells nobody which orders exist), so the page says "if".
 */
export function OrderLookupForm() {
  const client = useMercatoClient();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [fields, setFields] = useState<Fields>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const raw = { orderNumber: String(form.get("orderNumber") ?? ""), email: String(form.get("email") ?? "").trim() };
    setError(null);
    // The orders contract's own rules, so a typo is shown on its field before anything is sent.
    const parsed = orderLookupInput.safeParse(raw);
    if (!parsed.success) {
      const next: Fields = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0];
        if ((key === "orderNumber" || key === "email") && !next[key]) {
          next[key] = key === "email" ? "Enter the email address you ordered with." : issue.message;
        }
      }
      setFields(next);
      return;
    }
    setFields({});
    setBusy(true);
    try {
      await client.orders.lookup.mutate(parsed.data);
      setSentTo(parsed.data.email);
    } catch (err) {
      const named = fieldErrors(err);
      if (errorCode(err) === "TOO_MANY_REQUESTS") {
        setError("You have asked for several links already. Check your inbox, or try again in an hour.");
      } else if (named.orderNumber || named.email) {
        setFields({ orderNumber: named.orderNumber, email: named.email });
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold tracking-tight">Find your order</h1>
      <div className="mt-6 rounded-2xl border border-neutral-200 p-6">
        {sentTo ? (
          <div role="status" className="space-y-3 text-sm text-neutral-700" data-testid="lookup-sent">
            <p>
              If an order with that number was placed with <strong>{sentTo}</strong>, we have emailed a link to it. The
              link opens the order in any browser and works for 30 days.
            </p>
            <button type="button" className="text-brand-700 underline" onClick={() => setSentTo(null)}>
              Look up another order
            </button>
          </div>
        ) : (
          <form onSubmit={onSubmit} className="space-y-4" noValidate>
            <p className="text-sm text-neutral-600">
              Ordered without an account? Enter your order number (it is in your confirmation email, like MC-000123) and
              the email you ordered with, and we will send you a link to the order.
            </p>
            <Field
              label="Order number"
              name="orderNumber"
              autoComplete="off"
              placeholder="MC-000123"
              required
              error={fields.orderNumber}
            />
            <Field label="Email" name="email" type="email" autoComplete="email" required error={fields.email} />
            {error ? <ErrorNote>{error}</ErrorNote> : null}
            <Button type="submit" className="w-full" disabled={busy}>
              {busy ? "Sending…" : "Email me a link"}
            </Button>
          </form>
        )}
      </div>
      <p className="mt-4 text-center text-sm text-neutral-600">
        Have an account?{" "}
        <Link prefetch={false} href="/account/sign-in?next=/account" className="text-brand-700 underline">
          Sign in
        </Link>{" "}
        to see all your orders.
      </p>
    </div>
  );
}
