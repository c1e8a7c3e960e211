import { createHash } from "node:crypto";
import type { Tx } from "@mercato/db";
import { type AuthUser, conflict, invalid } from "@mercato/kit";
import type { BasketTotals } from "@mercato/pricing";
import { and, eq, sql } from "drizzle-orm";
import type { CheckoutInput, CheckoutResult, OrderGiftCard } from "../contract.ts";
import { orderViewById } from "../db/queries.ts";
import type * as schema from "../db/schema.ts";
import { checkoutKeys, counters } from "../db/schema.ts";
import type { OrdersDeps } from "../deps.ts";
import { place } from "../domain/decide.ts";
import { OrderNotFoundError } from "../domain/errors.ts";
import type { OrderPlacedData } from "../domain/events.ts";
import { formatOrderNumber } from "../domain/order-number.ts";
import { type CartDiscount, goodsSubtotal, orderBasket } from "../domain/pricing.ts";
import { accessTokenFor, hashAccessToken } from "./access.ts";
import { announce, appendInTx, type Committed } from "./commit.ts";
import { holdGiftCard, releaseGiftCard } from "./gift-card-hold.ts";
import { assertProviderOffered, paymentProviderOf } from "./payment-provider.ts";
import { priceOrderBasket, regionAndCatalog } from "./price-order.ts";
import { assertOwnSavedMethod } from "./saved-method.ts";
import { enforceUnpaidCaps } from "./unpaid-caps.ts";
import { UpstreamRefusal, upstream } from "./upstream.ts";

/** Concurrent identical checkouts in this instance share one run (the database settles other instances). */
const inFlight = new WeakMap<OrdersDeps, Map<string, Promise<CheckoutResult>>>();

/**
 * Places an order from the shopper's cart, once per idempotency key: the same key returns the same
 * order however often and however concurrently it is sent. Then waits (bounded) for the stock
 * reservation so the answer can usually carry the payment to confirm.
 */
export function checkout(
  deps: OrdersDeps,
  input: CheckoutInput,
  user: AuthUser | null,
  client: { address: string | null } = { address: null },
): Promise<CheckoutResult> {
  const scope = user ? `user:${user.id}` : `email:${input.email.trim().toLowerCase()}`;
  let running = inFlight.get(deps);
  if (!running) {
    running = new Map();
    inFlight.set(deps, running);
  }
  const key = `${scope}\n${input.idempotencyKey}`;
  const existing = running.get(key);
  if (existing) return existing;
  const task = placeOnce(deps, input, user, scope, client.address).finally(() => running.delete(key));
  running.set(key, task);
  return task;
}

async function placeOnce(
  deps: OrdersDeps,
  input: CheckoutInput,
  user: AuthUser | null,
  scope: string,
  clientAddress: string | null,
): Promise<CheckoutResult> {
  const fingerprint = fingerprintOf(input);
  const known = await findKey(deps.db.orm, scope, input.idempotencyKey);
  if (known) return replay(deps, known, fingerprint);

  if (!user && !input.cartToken) throw invalid("cartToken", "required when not signed in");
  const { cart: cartApi } = deps.clients;
  const cart = await upstream(
    "cart",
    cartApi.cart.internal.forCheckout.query({
      ...(input.cartToken ? { cartToken: input.cartToken } : {}),
      ...(user ? { userId: user.id } : {}),
    }),
  );
  if (cart.lines.length === 0) throw invalid("cart", "is empty");
  const [{ region, catalog }, provider] = await Promise.all([
    regionAndCatalog(
      deps,
      cart.regionId,
      cart.lines.map((l) => l.sku),
      user?.customerGroup ?? null,
    ),
    paymentProviderOf(deps),
    assertOwnSavedMethod(deps, user, input.paymentMethodId),
  ]);
  assertProviderOffered(region, provider);
  const basketFor = (discount: CartDiscount | null) =>
    orderBasket({
      lines: cart.lines,
      catalog,
      region,
      address: input.shippingAddress,
      shippingOptionId: input.shippingOptionId ?? cart.shippingOptionId ?? null,
      discount,
    });
  let order = basketFor(cart.discount);
  // A gift card is not bought with a gift card (#27): that would only move money between cards.
  if (input.giftCardCode && order.lines.some((l) => l.kind === "gift_card")) {
    throw invalid("giftCardCode", "a gift card cannot pay for gift cards; pay for them by card");
  }
  const orderId = Bun.randomUUIDv7();
  const codeHeld = order.discountCode !== null;
  if (order.discountCode) {
    // The cart checks the code again for this shopper now (once-per-customer, usage limits) and
    // takes one use for this order atomically, so a code with N uses gives N discounts.
    const discount = await upstream(
      "cart",
      cartApi.cart.internal.reserveCode.mutate({
        code: order.discountCode,
        orderId,
        subtotal: goodsSubtotal(order.lines),
        currency: region.currency,
        email: input.email,
        ...(user ? { userId: user.id } : {}),
      }),
    ).catch((err: unknown) => {
      // The cart refused the code for its reason; to the shopper it is the order's discountCode.
      if (err instanceof UpstreamRefusal) throw conflict("discountCode", err.reason);
      throw err;
    });
    order = basketFor(discount);
  }
  // The order was not placed after all (another request with this key won, or the write failed):
  // give the code's use back.
  const releaseCode = () =>
    codeHeld
      ? cartApi.cart.internal.releaseCode.mutate({ orderId }).then(
          () => undefined,
          (err: unknown) => deps.log.warn({ err, orderId }, "could not release the discount code use"),
        )
      : Promise.resolve();

  let totals: BasketTotals;
  try {
    totals = await priceOrderBasket(deps, order);
  } catch (err) {
    await releaseCode();
    throw err;
  }

  // The gift card's reserve step (#27): payments holds up to the total on it now, before the
  // order exists, like the discount code's use; every path below that places no order gives it back.
  let giftCard: OrderGiftCard | null = null;
  if (input.giftCardCode) {
    try {
      giftCard = await holdGiftCard(deps, orderId, input.giftCardCode, totals);
    } catch (err) {
      await releaseCode();
      throw err;
    }
  }
  const releaseHeld = async () => {
    await releaseCode();
    if (giftCard) await releaseGiftCard(deps, orderId);
  };

  const accessToken = accessTokenFor(deps.accessSecret, orderId);
  let outcome: { raced: KeyRow } | { committed: Committed };
  try {
    outcome = await deps.db.write(async (tx) => {
      // Re-checked in the writer: another request with this key may have placed the order meanwhile.
      const raced = await findKey(tx, scope, input.idempotencyKey);
      if (raced) return { raced };
      const placer = {
        clientAddress,
        scope,
        email: input.email.trim().toLowerCase(),
        cartId: cart.cartId,
        units: order.lines.reduce((n, l) => n + l.quantity, 0),
      };
      await enforceUnpaidCaps(tx, placer, deps.env);
      const number = await nextOrderNumber(tx);
      await tx.insert(checkoutKeys).values({
        scope,
        key: input.idempotencyKey,
        orderId,
        fingerprint,
        createdAt: new Date(),
        clientAddress: placer.clientAddress,
        email: placer.email,
        cartId: placer.cartId,
        units: placer.units,
      });
      const data: OrderPlacedData = {
        orderId,
        number,
        userId: user?.id ?? null,
        email: input.email.trim(),
        cartId: cart.cartId,
        lines: order.lines,
        regionId: region.id,
        totals: {
          currency: totals.currency,
          subtotal: totals.subtotal,
          discount: totals.discount,
          shipping: totals.shipping,
          tax: totals.tax,
          total: totals.total,
          taxInclusive: totals.taxInclusive,
          taxLines: totals.taxLines,
        },
        shippingMethod: totals.shippingMethod,
        discountCode: order.discountCode,
        giftCard,
        shippingAddress: input.shippingAddress,
        billingAddress: input.billingAddress ?? input.shippingAddress,
        accessTokenHash: hashAccessToken(accessToken),
        ...(input.paymentMethodId ? { paymentMethodId: input.paymentMethodId } : {}),
      };
      return { committed: await appendInTx(tx, orderId, null, place(null, data), {}) };
    });
  } catch (err) {
    await releaseHeld();
    throw err;
  }
  if ("raced" in outcome) {
    await releaseHeld();
    return replay(deps, outcome.raced, fingerprint);
  }
  announce(deps, outcome.committed);
  return resultAfterWait(deps, orderId);
}

type KeyRow = typeof checkoutKeys.$inferSelect;
type Reader = OrdersDeps["db"]["orm"] | Tx<typeof schema>;

async function findKey(reader: Reader, scope: string, key: string): Promise<KeyRow | undefined> {
  const [row] = await reader
    .select()
    .from(checkoutKeys)
    .where(and(eq(checkoutKeys.scope, scope), eq(checkoutKeys.key, key)));
  return row;
}

function replay(deps: OrdersDeps, known: KeyRow, fingerprint: string): Promise<CheckoutResult> {
  if (known.fingerprint !== fingerprint) {
    throw conflict("idempotencyKey", "already used for a different checkout; send a new key");
  }
  return resultAfterWait(deps, known.orderId);
}

async function nextOrderNumber(tx: Tx<typeof schema>): Promise<string> {
  const [row] = await tx
    .insert(counters)
    .values({ name: "order_number", value: 1 })
    .onConflictDoUpdate({ target: counters.name, set: { value: sql`${counters.value} + 1` } })
    .returning({ value: counters.value });
  if (!row) throw new Error("order number counter returned nothing");
  return formatOrderNumber(row.value);
}

/** What identifies "the same checkout" behind one key: who pays, where it goes and how. */
function fingerprintOf(input: CheckoutInput): string {
  return createHash("sha256")
    .update(
      JSON.stringify([
        input.cartToken ?? null,
        input.email.trim().toLowerCase(),
        input.shippingAddress,
        input.billingAddress ?? null,
        input.shippingOptionId ?? null,
        input.giftCardCode ?? null,
      ]),
    )
    .digest("hex");
}

async function resultAfterWait(deps: OrdersDeps, orderId: string): Promise<CheckoutResult> {
  await waitWhilePending(deps, orderId, deps.env.CHECKOUT_WAIT_MS);
  const row = await orderViewById(deps.db, orderId);
  if (!row) throw new OrderNotFoundError(orderId);
  const view = row.detail;
  return {
    orderId,
    number: view.number,
    status: view.status,
    paymentStatus: view.paymentStatus,
    accessToken: accessTokenFor(deps.accessSecret, orderId),
    regionId: view.regionId,
    totals: view.totals,
    shippingMethod: view.shippingMethod,
    payment: view.payment && {
      paymentId: view.payment.paymentId,
      provider: view.payment.provider,
      clientSecret: view.payment.clientSecret,
    },
    cancellation: view.cancellation && { reason: view.cancellation.reason },
  };
}

/** Whether checkout still waits on the order: pending, and no payment asked yet (stock being checked). */
function checkingStock(row: { status: string; detail: { payment: object | null } } | undefined): boolean {
  return row !== undefined && row.status === "PENDING" && row.detail.payment === null;
}

/** Resolves when stock is reserved (a payment asked) or refused (from any instance), or after `ms`. */
function waitWhilePending(deps: OrdersDeps, orderId: string, ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stop();
      resolve();
    };
    const stop = deps.live.listen(orderId, (change) => {
      // Past placing (version 1), the order has moved on: stock reserved and payment asked, or refused.
      if (change.status !== "PENDING" || change.version > 1) done();
    });
    const timer = setTimeout(done, ms);
    // The outcome may have landed before we started listening.
    orderViewById(deps.db, orderId).then(
      (row) => row && !checkingStock(row) && done(),
      () => undefined,
    );
  });
}
