import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { outbox } from "@mercato/events";
import { count, like } from "drizzle-orm";
import type { CheckoutResult } from "../src/contract.ts";
import { ACCESS_LINK_EXPIRED, ACCESS_LINK_INVALID } from "../src/contract.ts";
import { signAccessLink } from "../src/domain/access-link.ts";
import { eventually, failure, freshSkus, guestCheckout, type Platform, startPlatform } from "./platform.ts";

/**
 * Guest order links and the order lookup (#21) across real processes: identity, catalog,
 * inventory, cart, payments and notifications as processes, orders in this one (its database and
 * secrets are reached), on private NATS and Redis. The lookup mails a link through the real
 * event and notifications' internal call; the link opens the order with no cookie or session.
 */
const MAX_PER_EMAIL = 3;
const MAX_PER_ADDRESS = 6;

let p: Platform;
let order: CheckoutResult;
let number: string;
const EMAIL = `guest-${crypto.randomUUID().slice(0, 8)}@example.com`;

beforeAll(async () => {
  p = await startPlatform({
    ordersInProcess: true,
    withNotifications: true,
    env: {
      orders: {
        ORDER_LOOKUP_MAX_PER_EMAIL: String(MAX_PER_EMAIL),
        ORDER_LOOKUP_MAX_PER_ADDRESS: String(MAX_PER_ADDRESS),
        ORDER_LINK_TTL_DAYS: "30",
      },
    },
  });
  const sku = (await freshSkus(p, 1))(10);
  ({ placed: order } = await guestCheckout(p, [{ sku: await sku, quantity: 1 }], EMAIL));
  const view = await p.shop
    .orders(undefined, { "x-order-token": `${order.orderId}=${order.accessToken}` })
    .orders.byId.query({ orderId: order.orderId });
  number = view.number;
}, 180_000);

afterAll(async () => {
  await p?.dispose();
});

const deps = () => {
  if (!p.orders) throw new Error("orders runs in this process");
  return p.orders.deps;
};
/** The orders client as a shopper at `address` (as the gateway would forward it). */
const from = (address: string) => p.shop.orders(undefined, { "x-forwarded-for": address }).orders;
const lookupEvents = async () =>
  (
    await deps()
      .db.orm.select({ n: count() })
      .from(outbox)
      .where(like(outbox.subject, "orders.access_link.requested.%"))
  )[0]?.n ?? 0;
const lookupKeys = () => deps().redis.keys("orders:lookup:*");

/** POSTs `orders.redeemLink` as a browser with no cookie would (through the proxy), with the raw answer. */
async function redeem(link: string, orderId = order.orderId) {
  const res = await fetch(`${p.urls.orders}/trpc/orders.redeemLink`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: { orderId, link } }),
  });
  const body = (await res.json()) as {
    result?: { data: { json: { orderId: string; expiresAt: string } } };
    error?: { json: { data: { field?: string; reason?: string; httpStatus: number } } };
  };
  return { status: res.status, header: res.headers.get("x-order-token"), body };
}

/** The link in the newest "your link" email to `to` (the dev mailbox shows it). */
async function mailedLink(to: string, after = 0): Promise<{ url: string; count: number }> {
  return eventually(async () => {
    const page = await p.admin.mailbox.notifications.mailbox.list.query({ to, status: "sent", limit: 100 });
    const links = page.items.filter((m) => m.template === "order-access-link");
    if (links.length <= after || !links[0]) return undefined;
    const message = await p.admin.mailbox.notifications.mailbox.byId.query({ id: links[0].id });
    const url = message.text.match(/View your order: (\S+)/)?.[1];
    return url ? { url, count: links.length } : undefined;
  }, 20_000);
}

describe("guest order links", () => {
  test("a link from orders opens the order for a browser with no cookie; the cookie's token comes back in the header", async () => {
    const link = await p.internal.ordersAsNotifications.orders.internal.accessLink.mutate({ orderId: order.orderId });
    expect(link).toMatchObject({ orderId: order.orderId, number, email: EMAIL });
    const days = (new Date(link.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    const redeemed = await redeem(link.token);
    expect(redeemed.status).toBe(200);
    expect(redeemed.body.result?.data.json).toEqual({ orderId: order.orderId, expiresAt: link.expiresAt });
    // The token is in the header only (the storefront's proxy makes it the HttpOnly cookie).
    expect(JSON.stringify(redeemed.body)).not.toContain(order.accessToken);
    expect(redeemed.header).toBe(`${order.orderId}=${order.accessToken}`);
    const seen = await p.shop
      .orders(undefined, { "x-order-token": redeemed.header ?? "" })
      .orders.byId.query({ orderId: order.orderId });
    expect(seen.number).toBe(number);
  });

  test("an expired, tampered, foreign or other order's link is refused naming `link`, and opens nothing", async () => {
    const old = await signAccessLink(deps().linkSecret, order.orderId, 60, new Date(Date.now() - 3_600_000));
    const expired = await redeem(old.token);
    expect(expired.status).toBe(400);
    expect(expired.body.error?.json.data).toMatchObject({ field: "link", reason: ACCESS_LINK_EXPIRED });
    expect(expired.header).toBeNull();

    const good = await signAccessLink(deps().linkSecret, order.orderId, 3600);
    const [h, body, sig] = good.token.split(".") as [string, string, string];
    const tampered = await redeem(`${h}.${body}.${sig.startsWith("A") ? "B" : "A"}${sig.slice(1)}`);
    expect(tampered.body.error?.json.data).toMatchObject({ field: "link", reason: ACCESS_LINK_INVALID });
    const foreign = await signAccessLink("x".repeat(40), order.orderId, 3600);
    expect((await redeem(foreign.token)).body.error?.json.data).toMatchObject({ reason: ACCESS_LINK_INVALID });
    // A real link, presented for another order id.
    const other = await redeem(good.token, "019a0000-0000-7000-8000-000000000000");
    expect(other.status).toBe(400);
    expect(other.header).toBeNull();
  });

  test("only notifications' credential may ask orders for a link", async () => {
    const anonymous = await failure(
      p.shop.orders().orders.internal.accessLink.mutate({ orderId: order.orderId }) as Promise<unknown>,
    );
    expect(anonymous.data?.httpStatus).toBe(401);
    const asOps = await failure(p.internal.orders.orders.internal.accessLink.mutate({ orderId: order.orderId }));
    expect(asOps.data?.httpStatus).toBe(403);
  });
});

describe("the order lookup", () => {
  test("number + email mail a fresh link that opens the order; a wrong email gets the same answer and nothing is sent", async () => {
    const before = await lookupEvents();
    const answer = await from("198.51.100.1").lookup.mutate({
      orderNumber: number.toLowerCase(),
      email: EMAIL.toUpperCase(),
    });
    expect(answer).toEqual({ accepted: true });
    const { url, count: mailed } = await mailedLink(EMAIL);
    expect(url).toContain(`/account/orders/${order.orderId}#link=`);
    const token = new URL(url).hash.replace(/^#link=/, "");
    const redeemed = await redeem(token);
    expect(redeemed.header).toBe(`${order.orderId}=${order.accessToken}`);
    expect(await lookupEvents()).toBe(before + 1);

    const wrongEmail = `nobody-${crypto.randomUUID().slice(0, 8)}@example.com`;
    expect(await from("198.51.100.2").lookup.mutate({ orderNumber: number, email: wrongEmail })).toEqual(answer);
    expect(await from("198.51.100.2").lookup.mutate({ orderNumber: "MC-999999", email: EMAIL })).toEqual(answer);
    // Neither made an event (so no email, to anyone).
    expect(await lookupEvents()).toBe(before + 1);
    const page = await p.admin.mailbox.notifications.mailbox.list.query({ to: wrongEmail, limit: 10 });
    expect(page.items).toHaveLength(0);
    expect((await mailedLink(EMAIL)).count).toBe(mailed);
  });

  test("bad input is a 400 naming the field and counts and writes nothing", async () => {
    const events = await lookupEvents();
    const keys = (await lookupKeys()).length;
    for (const [input, field] of [
      [{ orderNumber: "1 OR 1=1", email: EMAIL }, "orderNumber"],
      [{ orderNumber: "", email: EMAIL }, "orderNumber"],
      [{ orderNumber: number, email: "not-an-email" }, "email"],
      [{ orderNumber: number, email: `${"a".repeat(250)}@example.com` }, "email"],
    ] as const) {
      const err = await failure(from("198.51.100.3").lookup.mutate(input as { orderNumber: string; email: string }));
      expect(err.data?.httpStatus).toBe(400);
      expect(err.data?.field).toBe(field);
    }
    expect(await lookupEvents()).toBe(events);
    expect((await lookupKeys()).length).toBe(keys);
  });

  test("lookups are limited per email, matched or not (429 naming email)", async () => {
    const email = `limit-${crypto.randomUUID().slice(0, 8)}@example.com`;
    for (let i = 0; i < MAX_PER_EMAIL; i++) {
      expect(await from(`198.51.100.${10 + i}`).lookup.mutate({ orderNumber: number, email })).toEqual({
        accepted: true,
      });
    }
    const err = await failure(from("198.51.100.20").lookup.mutate({ orderNumber: number, email }));
    expect(err.data?.httpStatus).toBe(429);
    expect(err.data?.field).toBe("email");
  });

  test("lookups are limited per client address (429 naming clientAddress), the same for every email", async () => {
    const address = "203.0.113.77";
    for (let i = 0; i < MAX_PER_ADDRESS; i++) {
      await from(address).lookup.mutate({
        orderNumber: number,
        email: `a${i}-${crypto.randomUUID().slice(0, 6)}@example.com`,
      });
    }
    const err = await failure(from(address).lookup.mutate({ orderNumber: number, email: EMAIL }));
    expect(err.data?.httpStatus).toBe(429);
    expect(err.data?.field).toBe("clientAddress");
  });
});
