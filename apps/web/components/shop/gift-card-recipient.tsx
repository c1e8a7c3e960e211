"use client";
import { type Currency, formatMoney } from "@mercato/pricing";
import { Field } from "@/components/ui/field.tsx";
import type { GiftCardRecipientInput } from "@/lib/shop/types.ts";

/**
 * Who a gift card goes to (#27): the recipient's email and name and a message, on a gift-card
 * product's page. Each card the line buys is emailed to them when the order is paid. Errors are
 * the cart's, by field (`recipientEmail`, `recipientName`, `message`).
 */
export function GiftCardRecipientFields({
  value,
  onChange,
  errors,
}: {
  value: GiftCardRecipientInput;
  onChange(next: GiftCardRecipientInput): void;
  errors: Record<string, string>;
}) {
  return (
    <fieldset className="space-y-3 rounded-lg border border-neutral-200 p-4" data-testid="gift-card-recipient-fields">
      <legend className="px-1 text-sm font-medium">Who is it for?</legend>
      <Field
        label="Recipient's email"
        name="recipientEmail"
        id="gift-recipient-email"
        type="email"
        autoComplete="off"
        required
        value={value.recipientEmail}
        error={errors.recipientEmail}
        hint="The code is emailed here when your order is paid."
        onChange={(e) => onChange({ ...value, recipientEmail: e.target.value })}
      />
      <Field
        label="Recipient's name"
        name="recipientName"
        id="gift-recipient-name"
        autoComplete="off"
        required
        value={value.recipientName}
        error={errors.recipientName}
        onChange={(e) => onChange({ ...value, recipientName: e.target.value })}
      />
      <label className="block text-sm" htmlFor="gift-message">
        <span className="mb-1 block font-medium text-neutral-700">Message (optional)</span>
        <textarea
          id="gift-message"
          name="message"
          rows={3}
          maxLength={1000}
          value={value.message ?? ""}
          aria-invalid={errors.message ? true : undefined}
          className="w-full rounded-lg border border-neutral-300 px-3 py-2 text-ink shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
          onChange={(e) => onChange({ ...value, message: e.target.value })}
        />
        {errors.message ? (
          <span role="alert" className="mt-1 block text-xs text-red-600">
            {errors.message}
          </span>
        ) : null}
      </label>
    </fieldset>
  );
}

/**
 * "Or your own amount" (#27): any amount payments issues in the region's currency instead of one
 * of the denominations; left empty, the chosen denomination is bought.
 */
export function OwnAmountField({
  value,
  range,
  currency,
  error,
  onChange,
}: {
  value: string;
  range: { min: number; max: number };
  currency: Currency;
  error: string | undefined;
  onChange(next: string): void;
}) {
  return (
    <Field
      label="Or your own amount (optional)"
      name="giftCardAmount"
      id="gift-card-amount"
      inputMode="decimal"
      autoComplete="off"
      placeholder="e.g. 35.00"
      value={value}
      error={error}
      hint={`From ${formatMoney(range.min, currency)} to ${formatMoney(range.max, currency)}.`}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
