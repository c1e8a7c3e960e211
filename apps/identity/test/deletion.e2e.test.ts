import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { SERVICE_NAMES, type ServiceName } from "@mercato/registry";
import { eventually, failure, type InProcessService, setStock, startPlatform, type TestUser } from "@mercato/testing";

/**
 * Deleting an account across the whole platform (#20): every service in this process, so the
 * test opens each one's database. A shopper with an address, saved preferences, two paid
 * orders, a guest order placed with the same email, a cart and messages in the mailbox exports
 * their data, then deletes the account; afterwards no table of any service's database holds the
 * email in any column (orders keep their totals, anonymized), and their token is refused by
 * every service within seconds.
 */
type Platform = Awaited<ReturnType<typeof startAll>>;
const PASSWORD = "deletion-e2e-Pass-93";
const ADDRESS = { name: "Erin Erasable", line1: "7 Forget Lane", city: "Berlin", postalCode: "10115", country: "DE" };

const startAll = () =>
  startPlatform({
    services: SERVICE_NAMES,
    inProcess: SERVICE_NAMES,
    seedDemo: true,
  });

let p: Platform;
let admin: TestUser;

beforeAll(async () => {
  p = await startAll();
  admin = await p.signInDemoAdmin();
}, 120_000);

afterAll(() => p?.dispose());

const dbOf = (name: ServiceName) =>
  (p.inProcess[name] as InProcessService).deps.db as {
    client: { execute(q: string | { sql: string; args: unknown[] }): Promise<{ rows: Record<string, unknown>[] }> };
  };

/** Every `table.column` of every service's database whose text holds `needle` (case-insensitively). */
async function holdersOf(needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of SERVICE_NAMES) {
    const db = dbOf(name);
    const tables = await db.client.execute("SELECT name FROM sqlite_master WHERE type = 'table'");
    for (const { name: table } of tables.rows) {
      const cols = await db.client.execute(`SELECT name FROM pragma_table_info('${String(table)}')`);
      for (const { name: col } of cols.rows) {
        const hit = await db.client.execute({
          sql: `SELECT 1 FROM "${String(table)}" WHERE instr(lower(CAST("${String(col)}" AS TEXT)), lower(?)) > 0 LIMIT 1`,
          args: [needle],
        });
        if (hit.rows.length > 0) found.push(`${name}.${String(table)}.${String(col)}`);
      }
    }
  }
  return found;
}

async function sellableSku(stock: number): Promise<string> {
  const page = await p.client("catalog").catalog.products.list.query({ limit: 48 });
  const skus = page.items.flatMap((item) => item.variants.map((v: { sku: string }) => v.sku));
  const inventory = p.client("inventory", { token: admin.getToken }).inventory;
  const sku = await eventually(async () => {
    const known = await inventory.availability.query({ skus: skus.slice(0, 20) });
    return known[0]?.sku;
  }, 30_000);
  await setStock(inventory, sku, stock, "deletion e2e");
  return sku;
}

async function payOrder(orderId: string, token: TestUser["getToken"] | undefined, orderToken?: string) {
  const orders = p.client("orders", { token, headers: orderToken ? { "x-order-token": orderToken } : {} }).orders;
  const view = await eventually(async () => {
    const o = await orders.byId.query({ orderId });
    return o.status === "PENDING" && o.paymentStatus === "AWAITING" && o.payment?.clientSecret ? o : undefined;
  }, 20_000);
  await p.client("payments").payments.confirmTest.mutate({
    paymentId: String(view.payment?.paymentId),
    clientSecret: String(view.payment?.clientSecret),
    card: "4242424242424242",
  });
  return eventually(async () => {
    const o = await orders.byId.query({ orderId });
    return o.paymentStatus === "PAID" ? o : undefined;
  }, 20_000);
}

describe("deleting an account across every service", () => {
  test("export, then delete: nothing holds the email; orders keep their money, anonymized", async () => {
    const email = `erin-${Date.now().toString(36)}@example.com`;
    const shopper = await p.signUp({ email, password: PASSWORD, name: "Erin Erasable" });
    const identity = p.client("identity", { token: shopper.getToken }).identity;
    const cart = p.client("cart", { token: shopper.getToken }).cart;
    const orders = p.client("orders", { token: shopper.getToken }).orders;
    const sku = await sellableSku(50);

    await identity.addresses.create.mutate({ ...ADDRESS, phone: "+49 30 1234567" });
    await identity.account.preferences.save.mutate({
      marketingConsent: true,
      regionId: "eu",
      language: "de-DE",
      channels: { order_updates: ["email"] },
    });

    // Two orders as the signed-in shopper, one as a guest with the same email.
    const placed: { orderId: string; total: number }[] = [];
    for (const quantity of [1, 2]) {
      await cart.addItem.mutate({ sku, quantity });
      const order = await orders.checkout.mutate({
        email,
        shippingAddress: ADDRESS,
        idempotencyKey: crypto.randomUUID(),
      });
      const paid = await payOrder(order.orderId, shopper.getToken);
      placed.push({ orderId: order.orderId, total: paid.totals.total });
    }
    const guestCart = await p.client("cart").cart.addItem.mutate({ sku, quantity: 1 });
    const guest = await p.client("orders").orders.checkout.mutate({
      cartToken: String(guestCart.cartToken),
      email: email.toUpperCase(),
      shippingAddress: ADDRESS,
      idempotencyKey: crypto.randomUUID(),
    });
    const guestPaid = await payOrder(guest.orderId, undefined, `${guest.orderId}=${guest.accessToken}`);
    placed.push({ orderId: guest.orderId, total: guestPaid.totals.total });
    // A cart left with something in it.
    await cart.addItem.mutate({ sku, quantity: 1 });

    // The mailbox holds their order confirmations before the deletion.
    await eventually(async () => {
      const rows = await dbOf("notifications").client.execute({
        sql: 'SELECT count(*) AS n FROM messages WHERE lower("to") = ?',
        args: [email],
      });
      return Number(rows.rows[0]?.n) >= 3 ? true : undefined;
    }, 20_000);
    expect((await holdersOf(email)).length).toBeGreaterThan(0);

    const exported = await identity.account.export.mutate();
    expect(exported.profile.email).toBe(email);
    expect(exported.addresses.map((a) => a.line1)).toEqual([ADDRESS.line1]);
    expect(exported.preferences).toMatchObject({ marketingConsent: true, regionId: "eu", language: "de-DE" });
    // Typed across the boundary: orders' views (a typed client) and the mailbox (parsed with the shared schema).
    expect(exported.orders.map((o) => o.id).sort()).toEqual(placed.map((o) => o.orderId).sort());
    expect(exported.orders.every((o) => o.paymentStatus === "PAID")).toBe(true);
    expect(exported.messages).not.toBeNull();
    expect(exported.messages?.length).toBeGreaterThanOrEqual(3);
    expect(exported.messages?.every((m) => m.to.toLowerCase() === email && m.createdAt instanceof Date)).toBe(true);

    const token = (await shopper.getToken()) ?? undefined;
    expect(await identity.account.delete.mutate({ password: PASSWORD })).toEqual({ deleted: true });

    // Every service forgets them; orders keep the record.
    const left = await eventually(async () => {
      const holders = await holdersOf(email);
      return holders.length === 0 ? holders : undefined;
    }, 20_000).catch(() => holdersOf(email));
    expect(left).toEqual([]);

    const ordersDb = dbOf("orders");
    for (const { orderId, total } of placed) {
      const row = (
        await ordersDb.client.execute({
          sql: "SELECT email, user_id, total, status, detail FROM order_views WHERE id = ?",
          args: [orderId],
        })
      ).rows[0];
      expect(row).toMatchObject({ email: "erased@anonymized.invalid", user_id: null, total, status: "PLACED" });
      const detail = JSON.parse(String(row?.detail)) as { shippingAddress: Record<string, unknown> };
      expect(detail.shippingAddress).toEqual({
        name: "(erased)",
        line1: "(erased)",
        city: "(erased)",
        postalCode: "(erased)",
        country: "DE",
      });
    }
    for (const text of [ADDRESS.name, ADDRESS.line1]) expect(await holdersOf(text)).toEqual([]);
    const carts = await dbOf("cart").client.execute({
      sql: "SELECT count(*) AS n FROM carts WHERE user_id = ?",
      args: [shopper.user.id],
    });
    expect(Number(carts.rows[0]?.n)).toBe(0);

    // The token they held is refused by every service within seconds.
    for (const name of ["cart", "orders"] as const) {
      const refused = await eventually(async () => {
        const err = await failure(
          name === "cart"
            ? p.client("cart", { token }).cart.get.query({})
            : p.client("orders", { token }).orders.mine.query({ limit: 1 }),
        ).catch(() => undefined);
        return err?.data?.code === "UNAUTHORIZED" ? true : undefined;
      }, 5_000);
      expect(refused).toBe(true);
    }
  }, 180_000);
});
