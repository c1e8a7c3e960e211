import {
  CODE_PATTERN,
  CODE_PATTERN_HINT,
  DISCOUNT_VALUE_RANGE,
  type DiscountCode,
  type DiscountKind,
  MIN_USAGE_LIMIT,
} from "@mercato/cart/contract";
import { CURRENCIES, type Currency } from "@mercato/pricing";
import { fromMinorUnits, toMinorUnits } from "./money.ts";
import { dayAfter, dayOf, dayStart } from "./utc-days.ts";

/**
 * The discount code editor's state and its translation to cart.admin.codes.create/update input,
 * checked with the cart's own rules (its contract) so a form error shows before the request.
 * Dates are picked as UTC days (see utc-days.ts). A fixed amount is in one currency, which the
 * admin picks (carts in other currencies refuse it); a percent code works in every currency.
 */
export interface CodeDraft {
  code: string;
  kind: DiscountKind;
  /** Whole percent, or a decimal amount for fixed codes. */
  value: string;
  /** The fixed amount's currency (kept while the kind is percent, but not sent). */
  currency: Currency;
  minSubtotal: string;
  startsAt: string;
  endsAt: string;
  usageLimit: string;
  oncePerCustomer: boolean;
}

/** The rule an admin edits: the cart's code without what the cart keeps itself. */
export type CodeRule = Omit<DiscountCode, "used" | "active" | "createdAt" | "updatedAt">;

export function emptyCode(): CodeDraft {
  return {
    code: "",
    kind: "percent",
    value: "",
    currency: CURRENCIES[0],
    minSubtotal: "",
    startsAt: "",
    endsAt: "",
    usageLimit: "",
    oncePerCustomer: false,
  };
}

export function draftOfCode(row: CodeRule): CodeDraft {
  return {
    code: row.code,
    kind: row.kind,
    value: row.kind === "percent" ? String(row.value) : fromMinorUnits(row.value),
    currency: row.currency ?? CURRENCIES[0],
    minSubtotal: row.minSubtotal ? fromMinorUnits(row.minSubtotal) : "",
    startsAt: dayOf(row.startsAt, false),
    endsAt: dayOf(row.endsAt, true),
    usageLimit: row.usageLimit === null ? "" : String(row.usageLimit),
    oncePerCustomer: row.oncePerCustomer,
  };
}

export function toCodeRule(
  draft: CodeDraft,
): { ok: true; rule: CodeRule } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const code = draft.code.trim();
  if (!CODE_PATTERN.test(code)) errors.code = CODE_PATTERN_HINT;
  let value: number | null = null;
  if (draft.kind === "percent") {
    const { min, max } = DISCOUNT_VALUE_RANGE.percent;
    const n = Number(draft.value);
    if (!Number.isInteger(n) || n < min || n > max || draft.value.trim() === "")
      errors.value = `a whole percent from ${min} to ${max}`;
    else value = n;
  } else {
    value = toMinorUnits(draft.value);
    if (value === null || value < DISCOUNT_VALUE_RANGE.fixed.min) errors.value = "an amount like 5.00";
  }
  const minSubtotal = draft.minSubtotal.trim() ? toMinorUnits(draft.minSubtotal) : 0;
  if (minSubtotal === null) errors.minSubtotal = "an amount like 30.00";
  const startsAt = dayStart(draft.startsAt) ?? null;
  const endsAt = dayAfter(draft.endsAt) ?? null;
  if (startsAt && endsAt && endsAt <= startsAt) errors.endsAt = "must be on or after the first day";
  let usageLimit: number | null = null;
  if (draft.usageLimit.trim()) {
    const n = Number(draft.usageLimit);
    if (!Number.isInteger(n) || n < MIN_USAGE_LIMIT)
      errors.usageLimit = `a whole number of uses, at least ${MIN_USAGE_LIMIT}`;
    else usageLimit = n;
  }
  if (Object.keys(errors).length > 0 || value === null || minSubtotal === null) return { ok: false, errors };
  return {
    ok: true,
    rule: {
      code,
      kind: draft.kind,
      currency: draft.kind === "fixed" ? draft.currency : null,
      value,
      minSubtotal,
      startsAt,
      endsAt,
      usageLimit,
      oncePerCustomer: draft.oncePerCustomer,
    },
  };
}
