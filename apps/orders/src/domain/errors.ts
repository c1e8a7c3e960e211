import { DomainError } from "@mercato/kit/errors";
import type { Refusal } from "../contract.ts";

const SUBJECT: Record<Refusal["kind"], string> = {
  order: "an order in",
  payment: "an order with payment",
  fulfilment: "an order with fulfilment",
  return: "a return in",
};

/**
 * A command that the order's current status does not allow (409); the message names both
 * states: "an order in PENDING cannot become shipped", "a return in REJECTED cannot become RECEIVED".
 */
export class OrderTransitionError extends DomainError {
  override name = "OrderTransitionError";
  constructor(
    readonly from: string,
    readonly to: string,
    detail?: string,
    readonly refusalKind: Refusal["kind"] = "order",
  ) {
    const kind = refusalKind;
    super(
      "conflict",
      kind === "return" ? "returnId" : kind === "order" ? "status" : `${kind}Status`,
      `${SUBJECT[kind]} ${from} cannot become ${to}${detail ? ` (${detail})` : ""}`,
    );
  }
}

/** A command whose input breaks an order rule (a refund above what was paid...): 400 naming the field. */
export class OrderRuleError extends DomainError {
  override name = "OrderRuleError";
  constructor(field: string, reason: string) {
    super("invalid", field, reason);
  }
}

/** No order with that id, or none this caller may see (404; the two are not told apart on purpose). */
export class OrderNotFoundError extends DomainError {
  override name = "OrderNotFoundError";
  constructor(orderId: string) {
    super("not_found", "orderId", `no order ${orderId}`);
  }
}

/**
 * A payment that is not the one this order asked for: another payment id, another amount or
 * another currency. It changes nothing; the saga dead-letters the event with this reason.
 */
export class PaymentMismatchError extends OrderRuleError {
  override name = "PaymentMismatchError";
}
