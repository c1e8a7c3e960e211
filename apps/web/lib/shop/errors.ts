import { isNetworkFailure } from "../errors.ts";

export { errorCode, fieldErrors, fieldsUnder } from "../errors.ts";

/** What to show a shopper for a failed call: the service's message, which names the field. */
export function errorMessage(err: unknown): string {
  // A network failure inside fetch says nothing useful to a shopper.
  if (isNetworkFailure(err)) return "We could not reach the shop. Check your connection and try again.";
  if (err instanceof Error && err.message) return err.message;
  return "Something went wrong. Please try again.";
}

/**
 * A cart view's discount problem without its leading field name (`code: "X" has expired` →
 * `"X" has expired`): the cart states it as a refusal would, and the page shows it beside the code.
 */
export function codeProblemText(message: string): string {
  return message.startsWith("code: ") ? message.slice("code: ".length) : message;
}
