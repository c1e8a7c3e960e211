import { DomainError, invalid } from "@mercato/kit/errors";
import { type Currency, formatMoney } from "@mercato/pricing";
import { type CodeRefusal, type CodeRefusalReason, DISCOUNT_VALUE_RANGE, type DiscountCode } from "../contract.ts";

/** What the rules need of a code: the admin's view of it without its timestamps. */
export type CodeRule = Omit<DiscountCode, "createdAt" | "updatedAt">;

/** Every refusal of a code is about the `code` field. */
const FIELD = "code";

function refusal(reason: CodeRefusalReason, text: string): CodeRefusal {
  return { reason, message: `${FIELD}: ${text}` };
}

/**
 * The error a refused code is answered with: a code nobody knows is NOT_FOUND, a known code that
 * does not apply (expired, used up...) is invalid input.
 */
export function refusalError(refused: CodeRefusal): DomainError {
  const text = refused.message.slice(FIELD.length + 2);
  return new DomainError(refused.reason === "unknown" ? "not_found" : "invalid", FIELD, text);
}

/** Codes are matched whatever their case: they are stored and compared upper-cased. */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

export function unknownCode(typed: string): CodeRefusal {
  return refusal("unknown", `"${normalizeCode(typed)}" is not a valid code`);
}

export function exhaustedCode(typed: string): CodeRefusal {
  return refusal("exhausted", `"${normalizeCode(typed)}" has been used up`);
}

/**
 * Whether a code may be applied now to a subtotal (the priced lines, before discount), and why
 * not. `usedByCustomer` says whether this signed-in customer already holds or used the code; `guest`
 * that nobody is signed in.
 */
export function codeRefusal(
  typed: string,
  rule: CodeRule | undefined,
  at: { now: Date; subtotal: number; currency: Currency; usedByCustomer: boolean; guest?: boolean },
): CodeRefusal | null {
  if (!rule) return unknownCode(typed);
  const name = `"${normalizeCode(typed)}"`;
  if (!rule.active) return refusal("inactive", `${name} is no longer active`);
  if (rule.startsAt && at.now < rule.startsAt) {
    return refusal("not_started", `${name} is valid from ${rule.startsAt.toISOString()}`);
  }
  if (rule.endsAt && at.now >= rule.endsAt) {
    return refusal("expired", `${name} expired on ${rule.endsAt.toISOString()}`);
  }
  if (rule.usageLimit !== null && rule.used >= rule.usageLimit) return exhaustedCode(typed);
  // Once per customer keys on the signed-in user: a guest's email is not verified, so keying on it
  // would let anyone reuse the code with a fresh address (or use up someone else's).
  if (rule.oncePerCustomer && at.guest) {
    return refusal("sign_in_required", `${name} can be used once per customer: sign in to use it`);
  }
  if (rule.oncePerCustomer && at.usedByCustomer) {
    return refusal("already_used", `${name} can be used once per customer and was already used`);
  }
  // A fixed amount is money in one currency: it is not converted (the merchant sets one per currency).
  if (rule.kind === "fixed" && rule.currency !== at.currency) {
    return refusal(
      "wrong_currency",
      `${name} is an amount in ${rule.currency ?? "no currency"} and this cart is in ${at.currency}`,
    );
  }
  if (at.subtotal < rule.minSubtotal) {
    return refusal(
      "below_minimum",
      `${name} needs a subtotal of at least ${formatMoney(rule.minSubtotal, at.currency)} (the cart has ${formatMoney(at.subtotal, at.currency)})`,
    );
  }
  return null;
}

/** The shape of a code an admin may save: a refusal naming the inconsistent field, or null. */
export function ruleProblem(
  rule: Pick<CodeRule, "kind" | "value" | "currency" | "startsAt" | "endsAt" | "usageLimit" | "used">,
): DomainError | null {
  const { percent, fixed } = DISCOUNT_VALUE_RANGE;
  if (rule.kind === "fixed" && !rule.currency) return invalid("currency", "a fixed amount needs its currency");
  if (rule.kind === "percent" && rule.currency) {
    return invalid("currency", "a percent discount works in every currency: leave the currency empty");
  }
  if (rule.kind === "percent" && (rule.value < percent.min || rule.value > percent.max)) {
    return invalid("value", `a percent discount is ${percent.min} to ${percent.max}`);
  }
  if (rule.value < fixed.min) return invalid("value", `a fixed discount is at least ${fixed.min} minor unit`);
  if (rule.startsAt && rule.endsAt && rule.endsAt <= rule.startsAt) return invalid("endsAt", "must be after startsAt");
  if (rule.usageLimit !== null && rule.usageLimit < rule.used) {
    return invalid("usageLimit", `the code was already used ${rule.used} times`);
  }
  return null;
}
