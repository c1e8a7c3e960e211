"use client";
import type { Currency, TaxLine } from "@mercato/pricing";
import Link from "next/link";
import { useState } from "react";
import { Money } from "@/components/ui/money.tsx";
import { ErrorNote } from "@/components/ui/states.tsx";
import { useCart } from "@/lib/shop/cart.tsx";
import { codeProblemText, errorMessage, fieldErrors } from "@/lib/shop/errors.ts";
import { taxLineParts } from "@/lib/shop/region-choice.ts";
import type { CartLine, CartView } from "@/lib/shop/types.ts";

/** What each line problem asks of the shopper; `region` is the cart's region's name. */
const PROBLEM_TEXT: Record<NonNullable<CartLine["problem"]>, (region: string) => string> = {
  out_of_stock: () => "Out of stock: remove it to check out",
  insufficient_stock: () => "Not enough in stock: lower the quantity",
  unavailable: () => "No longer sold: remove it to check out",
  not_sold_in_region: (region) => `Not sold in ${region}: remove it to check out`,
};

/** A cart line with its flags (price moved, stock problems), quantity stepper and remove. */
function Line({
  line,
  currency,
  region,
  compact,
}: {
  line: CartLine;
  currency: string;
  region: string;
  compact: boolean;
}) {
  const { update, remove } = useCart();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  // A gift card in the shopper's own amount is not its denomination: its price says what it is.
  const options = line.giftCard?.amount ? "" : Object.values(line.options).join(" · ");
  const maxQuantity = Math.min(99, Math.max(line.quantity, line.available));
  return (
    <li className={`flex gap-4 py-4 ${busy ? "opacity-60" : ""}`} data-testid="cart-line">
      <Link href={`/p/${line.productSlug}`} className="shrink-0">
        <img
          // A product without pictures gets the catalog's placeholder drawn from its name, not a broken image.
          src={line.image?.url ?? `/media/${line.productSlug}.svg`}
          alt={line.image?.alt ?? line.title}
          className={`${compact ? "h-20 w-20" : "h-24 w-24"} rounded-lg bg-neutral-100 object-cover`}
        />
      </Link>
      <div className="min-w-0 flex-1">
        <div className="flex justify-between gap-3">
          <div className="min-w-0">
            <Link href={`/p/${line.productSlug}`} className="font-medium hover:text-brand-700">
              {line.title}
            </Link>
            {options ? <p className="text-sm text-neutral-500">{options}</p> : null}
            {line.giftCard ? (
              <p className="text-sm text-neutral-600" data-testid="gift-card-recipient">
                For {line.giftCard.recipientName} ({line.giftCard.recipientEmail}), sent by email when paid
              </p>
            ) : null}
          </div>
          <div className="text-right text-sm">
            <Money amount={line.lineTotal} currency={currency} className="font-medium" />
            {line.quantity > 1 ? (
              <p className="text-xs text-neutral-500">
                <Money amount={line.price} currency={currency} /> each
              </p>
            ) : null}
          </div>
        </div>
        {line.priceChanged ? (
          <p className="mt-1 text-xs text-amber-700" role="status">
            Price changed from <Money amount={line.priceWhenAdded} currency={currency} /> to{" "}
            <Money amount={line.price} currency={currency} />
          </p>
        ) : null}
        {line.problem ? (
          <p className="mt-1 text-xs font-medium text-red-700" role="status">
            {PROBLEM_TEXT[line.problem](region)}
            {line.problem === "insufficient_stock" ? ` (${line.available} available)` : ""}
          </p>
        ) : null}
        <div className="mt-2 flex items-center gap-3">
          <div className="flex items-center rounded-lg border border-neutral-300">
            <button
              type="button"
              aria-label={`Decrease quantity of ${line.title}`}
              disabled={busy || line.quantity <= 1}
              onClick={() => run(() => update(line.sku, line.quantity - 1))}
              className="px-2.5 py-1 text-lg leading-none disabled:text-neutral-300"
            >
              −
            </button>
            <output className="min-w-8 text-center text-sm" aria-label={`Quantity of ${line.title}`}>
              {line.quantity}
            </output>
            <button
              type="button"
              aria-label={`Increase quantity of ${line.title}`}
              disabled={busy || line.quantity >= maxQuantity}
              onClick={() => run(() => update(line.sku, line.quantity + 1))}
              className="px-2.5 py-1 text-lg leading-none disabled:text-neutral-300"
            >
              +
            </button>
          </div>
          <button
            type="button"
            onClick={() => run(() => remove(line.sku))}
            disabled={busy}
            className="text-sm text-neutral-500 underline hover:text-red-700"
          >
            Remove
          </button>
        </div>
        {error ? (
          <div className="mt-2">
            <ErrorNote>{error}</ErrorNote>
          </div>
        ) : null}
      </div>
    </li>
  );
}

export function CartLines({ cart, compact = false }: { cart: CartView; compact?: boolean }) {
  return (
    <ul className="divide-y divide-neutral-200">
      {cart.lines.map((line) => (
        <Line key={line.sku} line={line} currency={cart.currency} region={cart.region.name} compact={compact} />
      ))}
    </ul>
  );
}

/** Applies or removes the discount code; the cart says why a code does not apply. */
export function DiscountForm({ cart }: { cart: CartView }) {
  const { applyCode, removeCode } = useCart();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (cart.discount) {
    return (
      <div className="flex items-center justify-between gap-3 rounded-lg bg-neutral-50 px-3 py-2 text-sm">
        <div>
          <span className="font-medium">Code {cart.discount.code}</span>
          {cart.discount.problem ? (
            <p className="text-xs text-amber-700">{codeProblemText(cart.discount.problem.message)}</p>
          ) : (
            <p className="text-xs text-emerald-700">
              {cart.discount.kind === "percent" ? `${cart.discount.value}% off` : "Discount applied"}
            </p>
          )}
        </div>
        <button
          type="button"
          className="text-neutral-500 underline hover:text-red-700"
          onClick={() => removeCode().catch((err: unknown) => setError(errorMessage(err)))}
        >
          Remove
        </button>
      </div>
    );
  }
  return (
    <form
      className="space-y-2"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!code.trim()) return;
        setBusy(true);
        setError(null);
        try {
          await applyCode(code.trim());
          setCode("");
        } catch (err) {
          setError(fieldErrors(err).code ?? errorMessage(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <label htmlFor="discount-code" className="block text-sm font-medium">
        Discount code
      </label>
      <div className="flex gap-2">
        <input
          id="discount-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder="e.g. WELCOME10"
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          className="min-w-0 flex-1 rounded-lg border border-neutral-300 px-3 py-2 text-sm uppercase placeholder:normal-case"
        />
        <button
          type="submit"
          disabled={busy}
          className="rounded-lg border border-neutral-300 px-4 py-2 text-sm font-medium hover:bg-neutral-50"
        >
          {busy ? "Applying…" : "Apply"}
        </button>
      </div>
      {error ? (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/**
 * Subtotal, discount, shipping, tax and total, exactly as the cart or orders service computed them.
 * Tax is shown per rate: inside the total where prices include it ("VAT 20% included: €3.00"),
 * added above the total where they do not ("CA sales tax 7.25%: $5.44").
 */
export interface Totals {
  currency: Currency;
  subtotal: number;
  discount: number;
  shipping: number;
  tax: number;
  total: number;
  taxInclusive?: boolean;
  taxLines?: readonly TaxLine[];
}

export function CartTotals({
  totals,
  shippingName,
  estimated = false,
  taxPending = false,
}: {
  totals: Totals;
  /** The shipping option's name ("Express"), when one is chosen. */
  shippingName?: string | null;
  /** The tax is the cart's estimate from the rate table; the region's tax provider decides at checkout. */
  estimated?: boolean;
  /** The tax depends on a part of the address not given yet (a US state): say so instead of 0. */
  taxPending?: boolean;
}) {
  const c = totals.currency;
  const inclusive = totals.taxInclusive ?? false;
  const taxLines = (totals.taxLines ?? []).filter((l) => l.amount > 0);
  // Included tax is a note under the total; added tax is a row above it.
  const small = inclusive ? "text-xs" : "";
  const taxRows = taxPending ? (
    <div className={`flex justify-between ${small}`}>
      <dt className="text-neutral-600">Tax</dt>
      <dd className="text-neutral-600">Added at checkout from your address</dd>
    </div>
  ) : taxLines.length > 0 ? (
    taxLines.map((line) => {
      const { label, amount } = taxLineParts(line, inclusive, c);
      return (
        <div key={`${line.name}-${line.rateBps}`} className={`flex justify-between ${small}`} data-testid="tax-line">
          <dt className="text-neutral-600">{label}</dt>
          <dd>{amount}</dd>
        </div>
      );
    })
  ) : (
    <div className={`flex justify-between ${small}`}>
      <dt className="text-neutral-600">{inclusive ? "Tax included" : "Tax"}</dt>
      <dd>
        <Money amount={totals.tax} currency={c} />
      </dd>
    </div>
  );
  return (
    <dl className="space-y-2 text-sm" data-testid="cart-totals">
      <div className="flex justify-between">
        <dt className="text-neutral-600">Subtotal</dt>
        <dd>
          <Money amount={totals.subtotal} currency={c} />
        </dd>
      </div>
      {totals.discount > 0 ? (
        <div className="flex justify-between text-emerald-700">
          <dt>Discount</dt>
          <dd data-testid="discount-amount">
            −<Money amount={totals.discount} currency={c} />
          </dd>
        </div>
      ) : null}
      <div className="flex justify-between">
        <dt className="text-neutral-600">Shipping{shippingName ? ` (${shippingName})` : ""}</dt>
        <dd data-testid="shipping-amount">
          {totals.shipping === 0 ? "Free" : <Money amount={totals.shipping} currency={c} />}
        </dd>
      </div>
      {inclusive ? null : taxRows}
      <div className="flex justify-between border-t border-neutral-200 pt-2 text-base font-semibold">
        <dt>Total</dt>
        <dd data-testid="cart-total">
          <Money amount={totals.total} currency={c} />
        </dd>
      </div>
      {inclusive ? taxRows : null}
      {estimated ? (
        <div className="text-xs text-neutral-500">
          <dt className="sr-only">Note</dt>
          <dd>Tax is an estimate: the final amount is worked out when you order.</dd>
        </div>
      ) : null}
    </dl>
  );
}
