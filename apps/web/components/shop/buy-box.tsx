"use client";
import { GIFT_CARD_AMOUNTS, giftCardAmountAllowed, giftCardLineSchema } from "@mercato/cart/contract";
import type { ProductKind } from "@mercato/catalog/contract";
import { useMercatoClient } from "@mercato/client/react";
import { formatMoney } from "@mercato/pricing";
import { useEffect, useMemo, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Money } from "@/components/ui/money.tsx";
import { Badge, ErrorNote } from "@/components/ui/states.tsx";
import { toMinorUnits } from "@/lib/admin/money.ts";
import { useCart } from "@/lib/shop/cart.tsx";
import { errorMessage, fieldErrors, fieldsUnder } from "@/lib/shop/errors.ts";
import { soldIn, taxNote } from "@/lib/shop/region-choice.ts";
import { useRegion } from "@/lib/shop/region-context.tsx";
import type { GiftCardRecipientInput } from "@/lib/shop/types.ts";
import {
  initialSelection,
  optionNames,
  optionValuesOf,
  type PickableVariant,
  type Selection,
  stockMessage,
  valueInStock,
  variantFor,
} from "@/lib/shop/variants.ts";
import { GiftCardRecipientFields, OwnAmountField } from "./gift-card-recipient.tsx";
import { SaveButton } from "./save-button.tsx";
import { useSelectedVariant } from "./selected-variant.tsx";

interface Level {
  available: number;
  lowStock: boolean;
}

/**
 * Stock per SKU, live: the page's server-rendered numbers first, then `inventory.onStockChanged`
 * (its snapshot, then every change), so "Only 3 left" moves while the shopper looks. A gift card
 * (#27) has no stock in inventory: its numbers stay the catalog's (`live` false).
 */
function useLiveStock(variants: PickableVariant[], live: boolean) {
  const client = useMercatoClient();
  const [levels, setLevels] = useState<Record<string, Level>>(() =>
    Object.fromEntries(variants.map((v) => [v.sku, { available: v.available, lowStock: false }])),
  );
  const skus = useMemo(() => (live ? variants.map((v) => v.sku) : []), [variants, live]);
  useEffect(() => {
    if (skus.length === 0) return;
    const sub = client.inventory.onStockChanged.subscribe(
      { skus },
      {
        onData: (level) =>
          setLevels((prev) => ({ ...prev, [level.sku]: { available: level.available, lowStock: level.lowStock } })),
        onError: () => undefined,
      },
    );
    return () => sub.unsubscribe();
  }, [client, skus]);
  return levels;
}

/** What a shopper is told for each recipient field the cart's rule refuses (zod's own words read like a developer's). */
const RECIPIENT_COPY: Record<string, string> = {
  recipientEmail: "Enter the email address of the person the gift card is for.",
  recipientName: "Enter their name, as it should appear in the email.",
  message: "The message can be at most 1,000 characters.",
};

const label = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** A variant as the product page has it: pickable, with its whole price set (one entry per currency). */
type PricedVariant = PickableVariant & { prices?: readonly { currency: string }[] };

/**
 * Options → SKU, its price and live availability, quantity, "Add to cart" (opens the drawer) and
 * "Save" (the wishlist).
 * A variant without a price in the shopper's region's currency says so and cannot be added.
 */
export function BuyBox({
  variants,
  currency,
  title,
  kind = "standard",
}: {
  variants: PricedVariant[];
  currency: string;
  /** The product's title, for the save button's label. */
  title: string;
  /** A gift card (#27) asks who it is for before it goes in the cart. */
  kind?: ProductKind;
}) {
  const { region } = useRegion();
  const giftCard = kind === "gift_card";
  const levels = useLiveStock(variants, !giftCard);
  const [recipient, setRecipient] = useState<GiftCardRecipientInput>({
    recipientEmail: "",
    recipientName: "",
    message: "",
  });
  const [recipientErrors, setRecipientErrors] = useState<Record<string, string>>({});
  // A gift card in the shopper's own amount (#27): typed as a decimal, sent in minor units.
  const [ownAmount, setOwnAmount] = useState("");
  const ownMinor = giftCard && ownAmount.trim() ? toMinorUnits(ownAmount) : null;
  const ownValid = ownMinor !== null && giftCardAmountAllowed(ownMinor, region.currency);
  const available = (sku: string) => levels[sku]?.available ?? 0;
  const [selection, setSelection] = useState<Selection>(() =>
    initialSelection(variants, (sku) => {
      const v = variants.find((x) => x.sku === sku);
      return v?.available ?? 0;
    }),
  );
  const [quantity, setQuantity] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const { add, setDrawerOpen } = useCart();
  const names = optionNames(variants);
  const variant = variantFor(variants, selection);
  // Tell the gallery which variant is picked, so it can show that variant's image.
  const [, selectVariant] = useSelectedVariant();
  const pickedSku = variant?.sku ?? null;
  useEffect(() => selectVariant(pickedSku), [pickedSku, selectVariant]);
  const level = variant ? levels[variant.sku] : undefined;
  const stock = variant && level ? stockMessage(level.available, level.lowStock) : null;
  const maxQuantity = Math.max(1, Math.min(99, variant ? available(variant.sku) : 1));
  const notSold = variant
    ? !soldIn(variant.prices, region.currency)
    : variants.every((v) => !soldIn(v.prices, region.currency));

  return (
    <div className="space-y-6">
      <div className="flex items-baseline gap-3" aria-live="polite">
        {notSold ? (
          <p className="font-medium text-neutral-700" data-testid="not-sold">
            Not sold in {region.name}
          </p>
        ) : variant ? (
          <>
            <Money
              amount={ownValid && ownMinor !== null ? ownMinor : variant.price}
              currency={currency}
              className={`text-2xl font-semibold ${variant.compareAtPrice ? "text-red-700" : ""}`}
            />
            {variant.compareAtPrice ? (
              <s className="text-lg text-neutral-500">
                <Money amount={variant.compareAtPrice} currency={currency} />
              </s>
            ) : null}
            <span className="text-sm text-neutral-500" data-testid="price-tax-note">
              {taxNote(region.taxInclusive)}
            </span>
          </>
        ) : (
          <span className="text-neutral-500">Choose your options</span>
        )}
      </div>

      {names.map((name) => (
        <fieldset key={name}>
          <legend className="mb-2 text-sm font-medium">
            {label(name)}: <span className="font-normal text-neutral-600">{selection[name] ?? "choose"}</span>
          </legend>
          <div className="flex flex-wrap gap-2">
            {optionValuesOf(variants, name).map((value) => {
              const chosen = selection[name] === value;
              const inStock = valueInStock(variants, selection, name, value, available);
              return (
                <button
                  key={value}
                  type="button"
                  aria-pressed={chosen}
                  onClick={() => {
                    setError(null);
                    setQuantity(1);
                    setSelection((s) => ({ ...s, [name]: value }));
                  }}
                  className={`min-w-12 rounded-lg border px-3 py-2 text-sm font-medium transition ${
                    chosen
                      ? "border-brand-600 bg-brand-50 text-brand-700 ring-1 ring-brand-600"
                      : "border-neutral-300 hover:border-neutral-500"
                  } ${inStock ? "" : "text-neutral-500 line-through decoration-neutral-500"}`}
                >
                  {value}
                </button>
              );
            })}
          </div>
        </fieldset>
      ))}

      {giftCard ? (
        <OwnAmountField
          value={ownAmount}
          range={GIFT_CARD_AMOUNTS[region.currency]}
          currency={region.currency}
          error={recipientErrors.amount}
          onChange={(next) => {
            setRecipientErrors(({ amount: _gone, ...rest }) => rest);
            setOwnAmount(next);
          }}
        />
      ) : null}
      {giftCard ? (
        <GiftCardRecipientFields
          value={recipient}
          onChange={(next) => {
            // A field's error goes once the shopper changes that field.
            const changed = (k: string) =>
              next[k as keyof GiftCardRecipientInput] !== recipient[k as keyof GiftCardRecipientInput];
            setRecipientErrors((errs) => Object.fromEntries(Object.entries(errs).filter(([k]) => !changed(k))));
            setRecipient(next);
          }}
          errors={recipientErrors}
        />
      ) : null}

      {variant ? (
        <p className="flex items-center gap-2 text-sm">
          {stock && !giftCard ? (
            <span data-testid="stock-level">
              <Badge tone={stock.tone}>{stock.text}</Badge>
            </span>
          ) : null}
          <span className="text-neutral-500">SKU {variant.sku}</span>
        </p>
      ) : null}

      <div className="flex gap-3">
        <label className="sr-only" htmlFor="quantity">
          Quantity
        </label>
        <select
          id="quantity"
          value={quantity}
          onChange={(e) => setQuantity(Number(e.target.value))}
          className="rounded-lg border border-neutral-300 bg-white px-3"
          disabled={!variant || available(variant.sku) <= 0}
        >
          {Array.from({ length: Math.min(10, maxQuantity) }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <Button
          className="flex-1 py-3 text-base"
          disabled={!variant || notSold || available(variant.sku) <= 0 || adding}
          onClick={async () => {
            if (!variant) return;
            setError(null);
            setRecipientErrors({});
            // The cart's own rule for a recipient, checked here first so the fields say what is missing.
            if (giftCard) {
              if (ownAmount.trim() && !ownValid) {
                const { min, max } = GIFT_CARD_AMOUNTS[region.currency];
                setRecipientErrors({
                  amount: `Choose an amount from ${formatMoney(min, region.currency)} to ${formatMoney(max, region.currency)}.`,
                });
                return;
              }
              const checked = giftCardLineSchema.safeParse(recipient);
              if (!checked.success) {
                setRecipientErrors(
                  Object.fromEntries(
                    checked.error.issues.map((i) => {
                      const field = String(i.path[0]);
                      return [field, RECIPIENT_COPY[field] ?? i.message];
                    }),
                  ),
                );
                return;
              }
            }
            setAdding(true);
            try {
              const line = ownValid && ownMinor !== null ? { ...recipient, amount: ownMinor } : recipient;
              await add(variant.sku, quantity, giftCard ? line : undefined);
              setDrawerOpen(true);
            } catch (err) {
              // The cart refuses a SKU it cannot price in its currency, naming `sku`; a recipient by field.
              const fields = fieldErrors(err);
              const forRecipient = fieldsUnder(fields, "giftCard");
              if (Object.keys(forRecipient).length) setRecipientErrors(forRecipient);
              setError(fields.sku ?? fields.giftCard ?? errorMessage(err));
            } finally {
              setAdding(false);
            }
          }}
        >
          {adding
            ? "Adding…"
            : notSold
              ? "Not sold in your region"
              : variant && available(variant.sku) <= 0
                ? "Sold out"
                : "Add to cart"}
        </Button>
        {variant ? <SaveButton sku={variant.sku} title={title} /> : null}
      </div>
      {error ? <ErrorNote>{error}</ErrorNote> : null}
    </div>
  );
}
