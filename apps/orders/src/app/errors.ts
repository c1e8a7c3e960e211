/** No order with that id, or none this caller may see (the two are not told apart on purpose). */
export class OrderNotFoundError extends Error {
  override name = "OrderNotFoundError";
  constructor(orderId: string) {
    super(`orderId: no order ${orderId}`);
  }
}
