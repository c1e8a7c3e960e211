import { errorData, isNetworkFailure, sentence } from "../errors.ts";

export { errorCode, fieldErrors, fieldsUnder, sentence } from "../errors.ts";

/**
 * What a shopper is told when a refusal's own reason would read like a developer's note: by the
 * field it names and the kind of refusal. Anything not listed shows its reason as a sentence.
 */
const SHOPPER_COPY: Record<string, string> = {
  "CONFLICT paymentId":
    "This payment cannot be started right now. Reload the page to see where your payment stands, then try again.",
  "CONFLICT status":
    "This order has moved on meanwhile (paid, shipped or cancelled). Reload the page to see where it stands.",
  "FORBIDDEN clientSecret": "This payment link is no longer valid. Open your order again to pay.",
  "NOT_FOUND paymentId": "We could not find this payment. Open your order again to pay.",
};

/**
 * What to show a shopper for a failed call, as one plain sentence: never a `field: reason` prefix,
 * a doubled full stop or a raw server message. A refusal's reason comes from `data.reason` (the
 * field it names is shown beside its input by `fieldErrors`, not repeated here); a few refusals
 * have their own wording (SHOPPER_COPY); an unexpected failure says so without details.
 */
export function errorMessage(err: unknown): string {
  // A network failure inside fetch says nothing useful to a shopper.
  if (isNetworkFailure(err)) return "We could not reach the shop. Check your connection and try again.";
  const { code, field, reason, issues } = errorData(err);
  if (code === "INTERNAL_SERVER_ERROR") return "Something went wrong on our side. Please try again.";
  if (code === "TOO_MANY_REQUESTS") return "Too many tries in a short time. Wait a moment, then try again.";
  const own = code && field ? SHOPPER_COPY[`${code} ${field}`] : undefined;
  if (own) return own;
  if (issues && issues.length > 1) return "Some details need your attention: check the fields marked below.";
  const text = reason ?? issues?.[0]?.message ?? (err instanceof Error ? err.message : "");
  return sentence(text) || "Something went wrong. Please try again.";
}

/**
 * A cart view's discount problem without its leading field name (`code: "X" has expired` →
 * `"X" has expired`): the cart states it as a refusal would, and the page shows it beside the code.
 */
export function codeProblemText(message: string): string {
  return message.startsWith("code: ") ? message.slice("code: ".length) : message;
}
