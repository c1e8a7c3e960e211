import { HttpResponse, http } from "msw";

export interface StripeCall {
  path: string;
  idempotencyKey: string | null;
  params: URLSearchParams;
}

/**
 * A stand-in for the parts of api.stripe.com we use, answering with the PaymentIntent and Refund
 * shapes of Stripe's API reference. It replays a response for a repeated Idempotency-Key, as
 * Stripe does, and refuses refunds beyond the captured amount.
 */
export function fakeStripe() {
  const calls: StripeCall[] = [];
  const intents = new Map<string, { id: string; amount: number; currency: string; refunded: number }>();
  const byIdempotencyKey = new Map<string, unknown>();
  /** Intents whose refunds Stripe refuses (to test that a refusal releases the reservation). */
  const refuseRefundsFor = new Set<string>();
  let seq = 0;
  const id = (prefix: string) => `${prefix}_fake${Date.now().toString(36)}${(++seq).toString().padStart(4, "0")}`;

  const replayed = (key: string | null, make: () => Response | object) => {
    if (key && byIdempotencyKey.has(key)) return HttpResponse.json(byIdempotencyKey.get(key) as object);
    const made = make();
    if (made instanceof Response) return made;
    if (key) byIdempotencyKey.set(key, made);
    return HttpResponse.json(made);
  };

  const handlers = [
    http.post("https://api.stripe.com/v1/payment_intents", async ({ request }) => {
      const params = new URLSearchParams(await request.text());
      const key = request.headers.get("idempotency-key");
      calls.push({ path: "/v1/payment_intents", idempotencyKey: key, params });
      return replayed(key, () => {
        const intentId = id("pi");
        const amount = Number(params.get("amount"));
        const currency = params.get("currency") ?? "";
        intents.set(intentId, { id: intentId, amount, currency, refunded: 0 });
        return paymentIntent({ id: intentId, amount, currency, orderId: params.get("metadata[orderId]") ?? "" });
      });
    }),
    http.post("https://api.stripe.com/v1/refunds", async ({ request }) => {
      const params = new URLSearchParams(await request.text());
      const key = request.headers.get("idempotency-key");
      calls.push({ path: "/v1/refunds", idempotencyKey: key, params });
      return replayed(key, () => {
        const intent = intents.get(params.get("payment_intent") ?? "");
        const amount = Number(params.get("amount"));
        if (!intent) return stripeError(404, "resource_missing", "No such payment_intent");
        if (refuseRefundsFor.has(intent.id) || intent.refunded + amount > intent.amount) {
          return stripeError(400, "amount_too_large", `Refund amount (${amount}) is greater than unrefunded amount`);
        }
        intent.refunded += amount;
        return {
          id: id("re"),
          object: "refund",
          amount,
          balance_transaction: id("txn"),
          charge: `ch_for_${intent.id}`,
          created: Math.floor(Date.now() / 1000),
          currency: intent.currency,
          destination_details: { card: { type: "refund" }, type: "card" },
          metadata: Object.fromEntries(
            [...params.entries()]
              .filter(([k]) => k.startsWith("metadata["))
              .map(([k, v]) => [k.slice("metadata[".length, -1), v]),
          ),
          payment_intent: intent.id,
          reason: params.get("reason"),
          receipt_number: null,
          source_transfer_reversal: null,
          status: "succeeded",
          transfer_reversal: null,
        };
      });
    }),
  ];

  return {
    handlers,
    calls,
    intents,
    refuseRefundsFor,
    callsTo: (path: string) => calls.filter((c) => c.path === path),
  };
}

export function paymentIntent(p: {
  id: string;
  amount: number;
  currency: string;
  orderId: string;
  status?: string;
  lastPaymentError?: { code: string; decline_code?: string; message: string } | null;
}) {
  const succeeded = p.status === "succeeded";
  return {
    id: p.id,
    object: "payment_intent",
    amount: p.amount,
    amount_capturable: 0,
    amount_received: succeeded ? p.amount : 0,
    automatic_payment_methods: { allow_redirects: "always", enabled: true },
    canceled_at: null,
    cancellation_reason: null,
    capture_method: "automatic_async",
    client_secret: `${p.id}_secret_fake`,
    confirmation_method: "automatic",
    created: Math.floor(Date.now() / 1000),
    currency: p.currency,
    customer: null,
    description: null,
    last_payment_error: p.lastPaymentError ? { type: "card_error", ...p.lastPaymentError } : null,
    latest_charge: succeeded ? `ch_for_${p.id}` : null,
    livemode: false,
    metadata: { orderId: p.orderId },
    next_action: null,
    payment_method: null,
    payment_method_types: ["card"],
    receipt_email: null,
    status: p.status ?? "requires_payment_method",
  };
}

function stripeError(status: number, code: string, message: string) {
  return HttpResponse.json({ error: { type: "invalid_request_error", code, message } }, { status });
}
