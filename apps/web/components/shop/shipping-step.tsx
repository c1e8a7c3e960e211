"use client";
import { useState } from "react";
import { ErrorNote } from "@/components/ui/states.tsx";
import { useCart } from "@/lib/shop/cart.tsx";
import { errorMessage, fieldErrors } from "@/lib/shop/errors.ts";
import { shippingQuoteLabel } from "@/lib/shop/region-choice.ts";
import type { CartView } from "@/lib/shop/types.ts";

/**
 * The shipping step: the options the cart's region offers for this basket and destination, each
 * with its price and delivery estimate ("Express · 1–2 working days · €12.90"). A pick goes to the
 * cart (`cart.setShipping`), which re-prices shipping and its tax.
 */
export function ShippingStep({
  cart,
  error,
  onChange,
}: {
  cart: CartView;
  /** A checkout refusal naming `shippingOptionId`. */
  error?: string;
  onChange?(): void;
}) {
  const { setShipping } = useCart();
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const options = cart.shippingOptions;

  const pick = async (optionId: string) => {
    setBusy(optionId);
    setProblem(null);
    onChange?.();
    try {
      await setShipping(optionId);
    } catch (err) {
      setProblem(fieldErrors(err).shippingOptionId ?? errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="shipping-method-heading" className="space-y-4">
      <h2 id="shipping-method-heading" className="text-lg font-semibold">
        Shipping method
      </h2>
      {options.length === 0 ? (
        <ErrorNote>No shipping option can carry this basket to the chosen destination.</ErrorNote>
      ) : (
        <fieldset data-testid="shipping-options">
          <legend className="sr-only">Choose how your order is shipped</legend>
          <div className="space-y-2">
            {options.map((quote) => {
              // The pick shows at once; the cart's answer then confirms it (or the error says why not).
              const checked = (busy ?? cart.shippingOptionId) === quote.optionId;
              return (
                <label
                  key={quote.optionId}
                  className={`flex cursor-pointer items-center gap-3 rounded-lg border p-3 text-sm ${checked ? "border-brand-600 ring-1 ring-brand-600" : "border-neutral-300 hover:border-neutral-500"} ${busy ? "opacity-70" : ""}`}
                >
                  <input
                    type="radio"
                    name="shipping-option"
                    value={quote.optionId}
                    checked={checked}
                    disabled={busy !== null}
                    onChange={() => void pick(quote.optionId)}
                    className="accent-brand-600"
                  />
                  <span data-testid="shipping-option">{shippingQuoteLabel(quote, cart.currency)}</span>
                </label>
              );
            })}
          </div>
        </fieldset>
      )}
      {problem || error ? (
        <p role="alert" className="text-xs text-red-600">
          {problem ?? error}
        </p>
      ) : null}
    </section>
  );
}
