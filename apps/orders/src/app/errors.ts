import { TRPCError } from "@trpc/server";

/**
 * No order with that id, or none this caller may see (the two are not told apart on purpose).
 * A TRPCError itself, so it is a 404 wherever it is thrown — also inside a subscription's stream,
 * where no middleware sees it.
 */
export class OrderNotFoundError extends TRPCError {
  override name = "OrderNotFoundError";
  constructor(orderId: string) {
    super({ code: "NOT_FOUND", message: `orderId: no order ${orderId}` });
  }
}
