/**
 * A guest shopper's checkout, through the gateway like the storefront: cart → `orders.checkout`
 * (one idempotency key per attempt, re-sent on every retry) → `payments.confirmTest` with the
 * test card → PAID. Each attempt has its own email address, so the books check can tell every
 * attempt's orders apart (a duplicate is two orders with one address).
 */
import type { Routers } from "@mercato/client";
import type { OrderChange } from "@mercato/orders";
import { clientFor } from "@mercato/testing";
import type { Platform } from "./platform.ts";

export const SHOPPER_DOMAIN = "shoppers.bench.example";
/** Order statuses a checkout ends in (PENDING: not paid nor cancelled yet). */
export const FINAL_STATUSES = new Set(["PLACED", "COMPLETED", "CANCELLED"]);

/**
 * Where a checkout is, from the order's split statuses (#19): CANCELLED; PAID once money was
 * taken; AWAITING_PAYMENT once a payment is asked (past the placing event, version 1); else PENDING.
 */
export function checkoutPhase(o: {
  status: string;
  paymentStatus: string;
  version: number;
  payment?: object | null;
}): "PENDING" | "AWAITING_PAYMENT" | "PAID" | "CANCELLED" {
  if (o.status === "CANCELLED") return "CANCELLED";
  if (o.paymentStatus !== "AWAITING") return "PAID";
  if ((o.payment ?? null) !== null || o.version > 1) return "AWAITING_PAYMENT";
  return "PENDING";
}

/** A checkout's phases in the order they happen (a cancelled order stays cancelled). */
const PHASE_RANK: Record<string, number> = { PENDING: 0, AWAITING_PAYMENT: 1, PAID: 2, CANCELLED: 3 };

export const ADDRESS = {
  name: "Ada Lovelace",
  line1: "1 Bench Street",
  city: "Berlin",
  postalCode: "10115",
  country: "DE",
};

/**
 * The demo regions shoppers buy in, in turn, so the books are checked per currency (EUR with VAT
 * inside, GBP likewise, USD with California's sales tax on top).
 */
export const BENCH_REGIONS = [
  { regionId: "eu", address: ADDRESS },
  {
    regionId: "uk",
    address: { name: "Ada Lovelace", line1: "1 Bench Street", city: "London", postalCode: "SW1A 1AA", country: "GB" },
  },
  {
    regionId: "us",
    address: {
      name: "Ada Lovelace",
      line1: "1 Bench Street",
      city: "San Francisco",
      postalCode: "94103",
      country: "US",
      subdivision: "CA",
    },
  },
] as const;

/** The region a shopper (by index, or by their email) buys in. */
export function benchRegion(key: number | string): (typeof BENCH_REGIONS)[number] {
  const n = typeof key === "number" ? key : [...key].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  return BENCH_REGIONS[n % BENCH_REGIONS.length] as (typeof BENCH_REGIONS)[number];
}

export type Outcome = "paid" | "rejected" | "sold-out" | "unconfirmed" | "error";

export interface Attempt {
  email: string;
  sku: string;
  /** Set once `orders.checkout` answered: the order exists. */
  orderId?: string;
  /** The guest's access token for the order (to ask for a return, as the shopper). */
  accessToken?: string;
  /** The checkout call was sent but never answered (the order may or may not exist). */
  unanswered?: boolean;
  outcome: Outcome;
  error?: string;
  /** Wall-clock ms when the attempt started and ended (to place outcomes on a fault timeline). */
  at?: number;
  doneAt?: number;
  /** ms from checkout sent to PAID heard; to checkout answered; from confirm sent to PAID heard. */
  toPaidMs?: number;
  placingMs?: number;
  payingMs?: number;
}

/** The tRPC status of a failed call (undefined when the request never got an HTTP answer). */
export function httpStatusOf(err: unknown): number | undefined {
  const data = (err as { data?: { httpStatus?: number } } | null)?.data;
  return data?.httpStatus;
}

/** A failure worth retrying: no answer, 5xx (a service restarting, the breaker open) or 429. */
function retryable(err: unknown): boolean {
  const status = httpStatusOf(err);
  return status === undefined || status >= 500 || status === 429;
}

/** Calls `fn` until it succeeds, fails for good, or `retryMs` has passed (0: no retries). */
export async function retrying<T>(fn: () => Promise<T>, retryMs: number): Promise<T> {
  const deadline = Date.now() + retryMs;
  for (let delay = 100; ; delay = Math.min(delay * 2, 1_000)) {
    try {
      return await fn();
    } catch (err) {
      if (!retryable(err) || Date.now() + delay > deadline) throw err;
      await Bun.sleep(delay);
    }
  }
}

/**
 * Every order's status as the orders service announces it (the admin SSE feed, instead of each
 * shopper polling), with polling through the gateway as the fallback when the feed is down
 * (orders restarting) or a transition was missed.
 *
 * One feed per orders instance: each instance's feed hears every change, whichever instance made
 * it (`live.orders.*` over NATS), so killing one instance leaves the watch hearing (#26). With the
 * feed on the first instance only, killing it left all the shoppers to their 1 s poll at once —
 * the watch's blindness, not the platform's, counted in the pause. A real shopper's status stream
 * goes through the gateway to one of the replicas; only those on the killed one reconnect.
 */
export class StatusWatch {
  private statuses = new Map<string, string>();
  private waiters = new Map<string, Set<() => void>>();
  private unsubscribe: () => void;

  constructor(private p: Platform) {
    const subs = p.replicas.orders.map((instance) =>
      clientFor<Routers["orders"]>(instance.url, { token: p.adminToken }).orders.admin.onFeed.subscribe(undefined, {
        onData: (change: OrderChange) => this.record(change.orderId, checkoutPhase(change)),
        onError: () => {},
      }),
    );
    this.unsubscribe = () => {
      for (const sub of subs) sub.unsubscribe();
    };
  }

  private record(orderId: string, status: string) {
    // Two feeds tell each change twice, and the slower one must not take a phase back.
    const seen = this.statuses.get(orderId);
    if (seen !== undefined && (PHASE_RANK[status] ?? 0) <= (PHASE_RANK[seen] ?? 0)) return;
    this.statuses.set(orderId, status);
    for (const wake of this.waiters.get(orderId) ?? []) wake();
  }

  /** Resolves with the phase (checkoutPhase) once it is one of `wanted`, or with the last one seen at the deadline. */
  async reach(orderId: string, accessToken: string, wanted: ReadonlySet<string>, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    let pollAt = Date.now() + 1_000;
    for (;;) {
      const seen = this.statuses.get(orderId);
      if (seen && wanted.has(seen)) return seen;
      if (Date.now() >= deadline) return seen;
      if (Date.now() >= pollAt) {
        pollAt = Date.now() + 1_000;
        try {
          const order = await this.p.orderHolder(orderId, accessToken).orders.byId.query({ orderId });
          this.record(orderId, checkoutPhase(order));
          continue;
        } catch {
          // Orders or the gateway is down: the next poll or the feed will tell.
        }
      }
      await new Promise<void>((resolve) => {
        const set = this.waiters.get(orderId) ?? new Set();
        const wake = () => {
          clearTimeout(timer);
          set.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.max(0, Math.min(pollAt, deadline) - Date.now()));
        set.add(wake);
        this.waiters.set(orderId, set);
      });
    }
  }

  close() {
    this.unsubscribe();
  }
}

export interface CheckoutOptions {
  /** How long calls are retried through faults (0 in the benchmark: an error is an error). */
  retryMs: number;
  /** How long to wait for AWAITING_PAYMENT and then for PAID. */
  settleMs: number;
}

const PAYABLE = new Set(["AWAITING_PAYMENT", "CANCELLED"]);
const PAID = new Set(["PAID"]);

/** One shopper's checkout of one unit of `sku`; never throws (the outcome says what happened). */
export async function checkoutOnce(
  p: Platform,
  watch: StatusWatch,
  attempt: Attempt,
  opts: CheckoutOptions,
): Promise<Attempt> {
  try {
    let cartToken: string | null | undefined;
    try {
      const { regionId } = benchRegion(attempt.email);
      const cart = await retrying(
        () => p.shop.cart.addItem.mutate({ sku: attempt.sku, quantity: 1, regionId }),
        opts.retryMs,
      );
      cartToken = cart.cartToken;
    } catch (err) {
      // The cart checks availability: a sold-out SKU is refused before any order exists.
      if (httpStatusOf(err) !== undefined && httpStatusOf(err)! < 500 && String(err).includes("quantity")) {
        attempt.outcome = "sold-out";
        return attempt;
      }
      throw err;
    }
    if (!cartToken) throw new Error("the cart gave no token");
    const idempotencyKey = crypto.randomUUID();
    const t0 = performance.now();
    attempt.unanswered = true;
    const order = await retrying(
      () =>
        p.shop.orders.checkout.mutate({
          cartToken,
          email: attempt.email,
          shippingAddress: benchRegion(attempt.email).address,
          idempotencyKey,
        }),
      opts.retryMs,
    );
    attempt.unanswered = false;
    attempt.orderId = order.orderId;
    attempt.accessToken = order.accessToken;
    attempt.placingMs = performance.now() - t0;

    let payment = order.payment;
    if (!payment?.clientSecret) {
      const status = await watch.reach(order.orderId, order.accessToken, PAYABLE, opts.settleMs);
      if (status === "CANCELLED") {
        attempt.outcome = "rejected";
        return attempt;
      }
      const detail = await retrying(
        () => p.orderHolder(order.orderId, order.accessToken).orders.byId.query({ orderId: order.orderId }),
        opts.retryMs,
      );
      payment = detail.payment;
    }
    if (!payment?.clientSecret) {
      attempt.outcome = "unconfirmed";
      attempt.error = "no payment to confirm in time";
      return attempt;
    }
    const { paymentId, clientSecret } = payment;
    const t1 = performance.now();
    await retrying(
      () => p.shop.payments.confirmTest.mutate({ paymentId, clientSecret, card: "4242424242424242" }),
      opts.retryMs,
    ).catch((err: unknown) => {
      // A retry after an unanswered confirm may find the payment already succeeded: PAID will tell.
      if (opts.retryMs === 0 || httpStatusOf(err) !== 409) throw err;
    });
    const status = await watch.reach(order.orderId, order.accessToken, PAID, opts.settleMs);
    if (status === "PAID") {
      attempt.outcome = "paid";
      attempt.toPaidMs = performance.now() - t0;
      attempt.payingMs = performance.now() - t1;
    } else {
      attempt.outcome = "unconfirmed";
      attempt.error = `still ${status ?? "unknown"} after ${opts.settleMs} ms`;
    }
  } catch (err) {
    attempt.outcome = "error";
    attempt.error = err instanceof Error ? err.message : String(err);
  }
  return attempt;
}

export interface ShoppersOptions extends CheckoutOptions {
  shoppers: number;
  /** Attempts start until this much time has passed (those in flight finish). */
  seconds: number;
  /** Which SKU shopper `n` buys on its `i`-th attempt. */
  skuFor: (n: number, i: number) => string;
  /** A label in every email address, so scenarios' orders are told apart. */
  label: string;
  /** Stop a shopper after its first sold-out or rejected attempt (contention scenario). */
  stopWhenRefused?: boolean;
  /** Aborted: shoppers finish the attempt in flight and start no new one. */
  signal?: AbortSignal;
  /** Every attempt, as it starts: the caller can inspect them while the load runs. */
  attempts?: Attempt[];
}

/** `shoppers` concurrent guest shoppers checking out back to back for `seconds`. */
export async function runShoppers(p: Platform, watch: StatusWatch, opts: ShoppersOptions) {
  const attempts = opts.attempts ?? [];
  const started = performance.now();
  const until = started + opts.seconds * 1000;
  await Promise.all(
    Array.from({ length: opts.shoppers }, async (_, n) => {
      for (let i = 0; performance.now() < until && !opts.signal?.aborted; i++) {
        const attempt: Attempt = {
          email: `${opts.label}-${n}-${i}@${SHOPPER_DOMAIN}`,
          sku: opts.skuFor(n, i),
          outcome: "error",
          at: Date.now(),
        };
        attempts.push(attempt);
        await checkoutOnce(p, watch, attempt, opts);
        attempt.doneAt = Date.now();
        if (opts.stopWhenRefused && (attempt.outcome === "sold-out" || attempt.outcome === "rejected")) return;
        // An error without an order (a service down, no retries left): pause, don't spin.
        if (attempt.outcome === "error") await Bun.sleep(100);
      }
    }),
  );
  return { attempts, seconds: (performance.now() - started) / 1000 };
}
