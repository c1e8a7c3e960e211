"use client";
import { useMercatoClient } from "@mercato/client/react";
import { giftCardCode } from "@mercato/payments/contract";
import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Money } from "@/components/ui/money.tsx";
import { errorMessage } from "@/lib/shop/errors.ts";

/** A code the shopper applied, with what payments says is on it. */
export interface AppliedGiftCard {
  code: string;
  last4: string;
  balance: number;
  currency: string;
}

/**
 * The gift-card code at checkout (#27): checks the code's balance with payments and shows what it
 * pays of the total and what is left to pay by card. Orders holds the amount when the order is
 * placed; the amount shown here is the balance now (checkout refuses the code if it changed).
 */
export function GiftCardField({
  total,
  currency,
  applied,
  onApply,
  error,
}: {
  total: number;
  currency: string;
  applied: AppliedGiftCard | null;
  onApply: (card: AppliedGiftCard | null) => void;
  /** The checkout's refusal of the code (`giftCardCode`), if any. */
  error?: string | undefined;
}) {
  const client = useMercatoClient();
  const [code, setCode] = useState("");
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const apply = async () => {
    setProblem(null);
    // The same rule the payments contract applies, before asking it.
    const parsed = giftCardCode.safeParse(code);
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? "not a gift card code");
      return;
    }
    setChecking(true);
    try {
      const card = await client.payments.giftCards.balance.mutate({ code: parsed.data });
      if (card.currency !== currency) setProblem(`this gift card is in ${card.currency}, the order in ${currency}`);
      else if (card.status !== "active") setProblem("this gift card is disabled");
      else if (card.balance <= 0) setProblem("this gift card has no balance left");
      else onApply({ code: parsed.data, last4: card.last4, balance: card.balance, currency: card.currency });
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setChecking(false);
    }
  };

  if (applied) {
    const covered = Math.min(applied.balance, total);
    return (
      <div className="space-y-1 text-sm" data-testid="gift-card-applied">
        <div className="flex justify-between">
          <span>
            Gift card ending <span className="font-medium">{applied.last4}</span>
          </span>
          <span>
            −<Money amount={covered} currency={currency} />
          </span>
        </div>
        <div className="flex justify-between font-semibold">
          <span>Left to pay by card</span>
          <Money amount={total - covered} currency={currency} />
        </div>
        {error ? <p className="text-red-700">{error}</p> : null}
        <button type="button" className="text-brand-700 underline" onClick={() => onApply(null)}>
          Remove gift card
        </button>
      </div>
    );
  }
  return (
    <div className="flex items-end gap-2">
      <div className="min-w-0 flex-1">
        <Field
          label="Gift card code"
          name="giftCardCode"
          autoComplete="off"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={problem ?? error}
        />
      </div>
      <Button type="button" variant="secondary" onClick={apply} disabled={checking || code.trim() === ""}>
        {checking ? "Checking…" : "Apply"}
      </Button>
    </div>
  );
}
