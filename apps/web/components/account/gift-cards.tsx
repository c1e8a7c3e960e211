"use client";
// The shopper's gift cards (#27): those the account bought and those sent to its email, with
// what is left on each. The code is never shown again here: it went to the recipient by email.
import { useMercato } from "@mercato/client/react";
import { useQuery } from "@tanstack/react-query";
import { Money } from "@/components/ui/money.tsx";
import { Badge, Empty, ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { errorMessage } from "@/lib/shop/errors.ts";

export function GiftCards() {
  const m = useMercato();
  const cards = useQuery(m.payments.giftCards.mine.queryOptions());
  if (cards.isPending) return <Spinner label="Loading gift cards" />;
  if (cards.error) return <ErrorNote>{errorMessage(cards.error)}</ErrorNote>;
  if (cards.data.length === 0) {
    return <Empty title="No gift cards yet">Gift cards you buy or receive show here with their balance.</Empty>;
  }
  return (
    <ul className="divide-y divide-neutral-200 rounded-xl border border-neutral-200">
      {cards.data.map((card) => (
        <li key={card.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div>
            <p className="font-medium">Gift card ending in {card.last4}</p>
            <p className="text-sm text-neutral-600">
              For {card.recipientName} · <Money amount={card.initialAmount} currency={card.currency} /> at first
            </p>
          </div>
          <div className="flex items-center gap-3">
            {card.status === "disabled" ? <Badge>Disabled</Badge> : null}
            <p className="text-right">
              <span className="block text-xs text-neutral-600">Balance</span>
              <Money amount={card.balance} currency={card.currency} className="font-semibold" />
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
