import { type Currency, formatMoney } from "@mercato/pricing";

export interface CodeRule {
  code: string;
  kind: "percent" | "fixed";
  value: number;
  minSubtotal: number;
  startsAt: Date | null;
  endsAt: Date | null;
  usageLimit: number | null;
  used: number;
  oncePerCustomer: boolean;
  active: boolean;
}

export type CodeRefusalReason =
  | "unknown"
  | "inactive"
  | "not_started"
  | "expired"
  | "exhausted"
  | "below_minimum"
  | "already_used";

export interface CodeRefusal {
  reason: CodeRefusalReason;
  /** Starts with the field name, `code:`, as every refusal in the platform does. */
  message: string;
}

/** Codes are matched whatever their case: they are stored and compared upper-cased. */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

export function unknownCode(typed: string): CodeRefusal {
  return { reason: "unknown", message: `code: "${normalizeCode(typed)}" is not a valid code` };
}

/**
 * Whether a code may be applied now to a subtotal (the priced lines, before discount), and why
 * not. `usedByCustomer` says whether this customer already has a paid order with the code.
 */
export function codeRefusal(
  typed: string,
  rule: CodeRule | undefined,
  at: { now: Date; subtotal: number; currency: Currency; usedByCustomer: boolean },
): CodeRefusal | null {
  if (!rule) return unknownCode(typed);
  const name = `"${normalizeCode(typed)}"`;
  if (!rule.active) return { reason: "inactive", message: `code: ${name} is no longer active` };
  if (rule.startsAt && at.now < rule.startsAt) {
    return { reason: "not_started", message: `code: ${name} is valid from ${rule.startsAt.toISOString()}` };
  }
  if (rule.endsAt && at.now >= rule.endsAt) {
    return { reason: "expired", message: `code: ${name} expired on ${rule.endsAt.toISOString()}` };
  }
  if (rule.usageLimit !== null && rule.used >= rule.usageLimit) {
    return { reason: "exhausted", message: `code: ${name} has been used up` };
  }
  if (rule.oncePerCustomer && at.usedByCustomer) {
    return { reason: "already_used", message: `code: ${name} can be used once per customer and was already used` };
  }
  if (at.subtotal < rule.minSubtotal) {
    return {
      reason: "below_minimum",
      message: `code: ${name} needs a subtotal of at least ${formatMoney(rule.minSubtotal, at.currency)} (the cart has ${formatMoney(at.subtotal, at.currency)})`,
    };
  }
  return null;
}

/** The shape of a code an admin may save: a consistency problem naming the field, or null. */
export function ruleProblem(
  rule: Pick<CodeRule, "kind" | "value" | "startsAt" | "endsAt" | "usageLimit" | "used">,
): string | null {
  if (rule.kind === "percent" && (rule.value < 1 || rule.value > 100)) return "value: a percent discount is 1 to 100";
  if (rule.value < 1) return "value: a fixed discount is at least 1 minor unit";
  if (rule.startsAt && rule.endsAt && rule.endsAt <= rule.startsAt) return "endsAt: must be after startsAt";
  if (rule.usageLimit !== null && rule.usageLimit < rule.used) {
    return `usageLimit: the code was already used ${rule.used} times`;
  }
  return null;
}
