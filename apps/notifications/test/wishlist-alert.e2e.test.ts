import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eventually, type InProcessService, setStock, startPlatform, type TestUser } from "@mercato/testing";
import { and, eq } from "drizzle-orm";
import { messages, preferences } from "../src/db/schema.ts";
import type { NotificationsDeps } from "../src/deps.ts";

/**
 * #27 over real processes: identity, catalog, inventory and cart as their own processes, talking
 * over real NATS and HTTP; notifications in this process, so the test reads its mailbox. A shopper
 * who agreed to marketing saves a sold-out variant; when inventory restocks it, the cart raises a
 * wishlist alert and notifications emails it. A shopper without consent who saved the same variant
 * gets nothing.
 */
type Platform = Awaited<ReturnType<typeof startAll>>;
const startAll = () =>
  startPlatform({
    services: ["identity", "catalog", "inventory", "cart", "notifications"],
    inProcess: ["notifications"],
    seedDemo: ["identity", "catalog"],
    env: { notifications: { EMAIL_POLL_MS: "100" } },
  });

let p: Platform;
let admin: TestUser;
let notifications: InProcessService<NotificationsDeps>;

beforeAll(async () => {
  p = await startAll();
  notifications = p.inProcess.notifications as InProcessService<NotificationsDeps>;
  admin = await p.signInDemoAdmin();
}, 120_000);

afterAll(() => p?.dispose());

const unique = Date.now().toString(36);

async function shopper(name: string, marketingConsent: boolean): Promise<TestUser> {
  const email = `${name}-${unique}@example.com`;
  const user = await p.signUp({ email, password: "wishlist-e2e-Pass-71", name });
  await p.client("identity", { token: user.getToken }).identity.account.preferences.save.mutate({
    marketingConsent,
    regionId: "eu",
    language: "en-GB",
    channels: { marketing: ["email"] },
  });
  // Their preferences reach notifications before the restock (else the alert would meet defaults).
  await eventually(async () => {
    const [row] = await notifications.deps.db.orm
      .select()
      .from(preferences)
      .where(eq(preferences.userId, user.user.id));
    return row?.marketingConsent === marketingConsent ? true : undefined;
  }, 20_000);
  return user;
}

function wishlistMails(to: string) {
  return notifications.deps.db.orm
    .select()
    .from(messages)
    .where(and(eq(messages.to, to), eq(messages.template, "wishlist-alert")));
}

describe("back in stock", () => {
  test("stock 0 → restock: an email to the shopper who agreed to offers, none to the one who did not", async () => {
    const sku = `WISH-E2E-${unique}`.toUpperCase();
    const inventory = p.client("inventory", { token: admin.getToken }).inventory;
    await p.client("catalog", { token: admin.getToken }).catalog.admin.products.create.mutate({
      title: `Wished lamp ${unique}`,
      status: "active",
      variants: [{ sku, prices: [{ currency: "EUR", amount: 4900 }], weightGrams: 500 }],
    });
    // Inventory creates the stock row when it hears of the product; it starts sold out.
    await eventually(async () => {
      await setStock(inventory, sku, 1, "wishlist e2e");
      await setStock(inventory, sku, 0, "wishlist e2e");
      return true;
    }, 20_000);

    const keen = await shopper("keen", true);
    const quiet = await shopper("quiet", false);
    for (const u of [keen, quiet]) {
      const saved = await p.client("cart", { token: u.getToken }).cart.wishlist.add.mutate({ sku });
      expect(saved.items.map((i) => [i.sku, i.available])).toEqual([[sku, 0]]);
    }

    await setStock(inventory, sku, 3, "wishlist e2e restock");
    const [mail] = await eventually(async () => {
      const rows = await wishlistMails(keen.email);
      return rows.length > 0 ? rows : undefined;
    }, 30_000);
    expect(mail?.subject).toContain(`Back in stock: Wished lamp ${unique}`);
    expect(mail?.text).toContain("€49.00");

    // The sender delivers it (the test mailbox), and only once.
    await eventually(async () => ((await wishlistMails(keen.email))[0]?.status === "sent" ? true : undefined), 20_000);
    expect(await wishlistMails(keen.email)).toHaveLength(1);
    expect(await wishlistMails(quiet.email)).toHaveLength(0);
  });
});
