import { HttpResponse, http } from "msw";

/**
 * A stand-in for Stripe's Customers, SetupIntents and PaymentMethods, and for updating and
 * confirming a PaymentIntent with a saved method, answering with the object shapes of Stripe's
 * API reference (Customer, SetupIntent, PaymentMethod, PaymentIntent; detach answers the
 * PaymentMethod with `customer: null`, deleting a customer answers `{ id, object, deleted }`).
 * Cards are picked by the test: `saveCard(setupIntentId, card)` plays the browser confirming
 * Stripe Elements.
 */
export interface FakeCard {
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  /** What confirming a payment with it does. */
  outcome?: "succeeded" | "requires_action" | "declined";
}

interface Call {
  method: string;
  path: string;
  params: URLSearchParams;
}

export function fakeStripeMethods() {
  const calls: Call[] = [];
  const customers = new Map<string, { id: string; userId: string; deleted: boolean }>();
  const setupIntents = new Map<string, ReturnType<typeof setupIntent>>();
  const methods = new Map<string, { id: string; customer: string | null; card: FakeCard }>();
  const intentUpdates = new Map<string, { customer?: string; payment_method?: string }>();
  let seq = 0;
  const id = (prefix: string) => `${prefix}_fake${Date.now().toString(36)}${(++seq).toString().padStart(4, "0")}`;
  const record = async (request: Request, path: string) => {
    const params = new URLSearchParams(request.method === "GET" ? "" : await request.text());
    calls.push({ method: request.method, path, params });
    return params;
  };

  const handlers = [
    http.post("https://api.stripe.com/v1/customers", async ({ request }) => {
      const params = await record(request, "/v1/customers");
      const customerId = id("cus");
      customers.set(customerId, { id: customerId, userId: params.get("metadata[userId]") ?? "", deleted: false });
      return HttpResponse.json(customer(customerId, params.get("metadata[userId]") ?? ""));
    }),
    http.delete("https://api.stripe.com/v1/customers/:id", async ({ request, params }) => {
      await record(request, `/v1/customers/${params.id}`);
      const known = customers.get(String(params.id));
      if (!known || known.deleted) return missing("customer", String(params.id));
      known.deleted = true;
      return HttpResponse.json({ id: known.id, object: "customer", deleted: true });
    }),
    http.post("https://api.stripe.com/v1/setup_intents", async ({ request }) => {
      const params = await record(request, "/v1/setup_intents");
      const si = setupIntent(id("seti"), params.get("customer"));
      setupIntents.set(si.id, si);
      return HttpResponse.json(si);
    }),
    http.get("https://api.stripe.com/v1/setup_intents/:id", async ({ request, params }) => {
      await record(request, `/v1/setup_intents/${params.id}`);
      const si = setupIntents.get(String(params.id));
      return si ? HttpResponse.json(si) : missing("setup_intent", String(params.id));
    }),
    http.get("https://api.stripe.com/v1/payment_methods/:id", async ({ request, params }) => {
      await record(request, `/v1/payment_methods/${params.id}`);
      const pm = methods.get(String(params.id));
      return pm ? HttpResponse.json(paymentMethod(pm)) : missing("payment_method", String(params.id));
    }),
    http.post("https://api.stripe.com/v1/payment_methods/:id/detach", async ({ request, params }) => {
      await record(request, `/v1/payment_methods/${params.id}/detach`);
      const pm = methods.get(String(params.id));
      if (!pm?.customer) return missing("payment_method", String(params.id));
      pm.customer = null;
      return HttpResponse.json(paymentMethod(pm));
    }),
    http.post("https://api.stripe.com/v1/payment_intents/:id", async ({ request, params }) => {
      const body = await record(request, `/v1/payment_intents/${params.id}`);
      const update = {
        ...(body.get("customer") ? { customer: body.get("customer") as string } : {}),
        ...(body.get("payment_method") ? { payment_method: body.get("payment_method") as string } : {}),
      };
      intentUpdates.set(String(params.id), { ...intentUpdates.get(String(params.id)), ...update });
      return HttpResponse.json(intentShape(String(params.id), "requires_confirmation", update));
    }),
    http.post("https://api.stripe.com/v1/payment_intents/:id/confirm", async ({ request, params }) => {
      const body = await record(request, `/v1/payment_intents/${params.id}/confirm`);
      const intentId = String(params.id);
      const known = intentUpdates.get(intentId) ?? {};
      const pm = methods.get(body.get("payment_method") ?? known.payment_method ?? "");
      if (!pm) return missing("payment_method", body.get("payment_method") ?? "");
      // Stripe refuses a customer's saved method on an intent of another customer.
      if (pm.customer !== known.customer) {
        return HttpResponse.json(
          { error: { type: "invalid_request_error", code: "payment_method_not_available", message: "not attached" } },
          { status: 400 },
        );
      }
      if (pm.card.outcome === "declined") {
        return HttpResponse.json(
          {
            error: {
              type: "card_error",
              code: "card_declined",
              decline_code: "insufficient_funds",
              message: "Your card has insufficient funds.",
              payment_intent: intentShape(intentId, "requires_payment_method", known),
            },
          },
          { status: 402 },
        );
      }
      return HttpResponse.json(intentShape(intentId, pm.card.outcome ?? "succeeded", known));
    }),
  ];

  return {
    handlers,
    calls,
    customers,
    methods,
    callsTo: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path),
    callsMatching: (re: RegExp) => calls.filter((c) => re.test(`${c.method} ${c.path}`)),
    /** The browser confirmed Elements: the SetupIntent succeeded with a new card, attached to its customer. */
    saveCard(setupIntentId: string, card: FakeCard) {
      const si = setupIntents.get(setupIntentId);
      if (!si) throw new Error(`no setup intent ${setupIntentId}`);
      const pmId = id("pm");
      methods.set(pmId, { id: pmId, customer: si.customer, card });
      si.status = "succeeded";
      si.payment_method = pmId;
      return { setupIntent: si, paymentMethodId: pmId };
    },
  };
}

function customer(customerId: string, userId: string) {
  return {
    id: customerId,
    object: "customer",
    address: null,
    balance: 0,
    created: Math.floor(Date.now() / 1000),
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    email: null,
    invoice_prefix: "FAKE0001",
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: { userId },
    name: null,
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  };
}

export function setupIntent(setupIntentId: string, customerId: string | null) {
  return {
    id: setupIntentId,
    object: "setup_intent",
    application: null,
    automatic_payment_methods: { allow_redirects: "always", enabled: true },
    cancellation_reason: null,
    client_secret: `${setupIntentId}_secret_fake`,
    created: Math.floor(Date.now() / 1000),
    customer: customerId,
    description: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: {},
    next_action: null,
    on_behalf_of: null,
    payment_method: null as string | null,
    payment_method_options: { card: { mandate_options: null, network: null, request_three_d_secure: "automatic" } },
    payment_method_types: ["card"],
    single_use_mandate: null,
    status: "requires_payment_method",
    usage: "on_session",
  };
}

function paymentMethod(pm: { id: string; customer: string | null; card: FakeCard }) {
  return {
    id: pm.id,
    object: "payment_method",
    billing_details: { address: null, email: null, name: null, phone: null },
    card: {
      brand: pm.card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "pass" },
      country: "US",
      display_brand: pm.card.brand,
      exp_month: pm.card.exp_month,
      exp_year: pm.card.exp_year,
      fingerprint: `fp_${pm.id}`,
      funding: "credit",
      generated_from: null,
      last4: pm.card.last4,
      networks: { available: [pm.card.brand], preferred: null },
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: Math.floor(Date.now() / 1000),
    customer: pm.customer,
    livemode: false,
    metadata: {},
    type: "card",
  };
}

function intentShape(intentId: string, status: string, known: { customer?: string; payment_method?: string }) {
  return {
    id: intentId,
    object: "payment_intent",
    amount: 5000,
    amount_received: status === "succeeded" ? 5000 : 0,
    client_secret: `${intentId}_secret_fake`,
    currency: "eur",
    customer: known.customer ?? null,
    last_payment_error: null,
    livemode: false,
    metadata: {},
    next_action: status === "requires_action" ? { type: "use_stripe_sdk", use_stripe_sdk: {} } : null,
    payment_method: known.payment_method ?? null,
    payment_method_types: ["card"],
    status,
  };
}

function missing(kind: string, objectId: string) {
  return HttpResponse.json(
    {
      error: {
        type: "invalid_request_error",
        code: "resource_missing",
        message: `No such ${kind}: '${objectId}'`,
        param: "id",
      },
    },
    { status: 404 },
  );
}
