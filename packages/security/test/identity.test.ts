/**
 * Identity's defences, attacked from outside: every request goes through the public origin (the
 * gateway, a process) to identity and orders (processes), as an outsider's would.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { DEMO_ADMIN, startPlatform, type TestPlatform } from "@mercato/testing";

const LOCKOUT = 5;
let p: TestPlatform<"identity" | "orders">;
let gw: string;

beforeAll(async () => {
  p = await startPlatform({
    services: ["identity", "orders"],
    gateway: true,
    seedDemo: ["identity"],
    env: {
      identity: {
        TRUST_PROXY: "true",
        RATE_LIMIT_SIGN_IN_PER_EMAIL: String(LOCKOUT),
        RATE_LIMIT_PER_IP: "1000",
        RATE_LIMIT_SIGN_UP_PER_EMAIL: "10",
      },
      // The gateway's own per-address limit on sign-in would answer first; these tests prove
      // identity's per-email lockout, which holds whatever addresses the guesses come from.
      gateway: { RATE_LIMIT_SENSITIVE: "100000", RATE_LIMIT_IP: "100000", RATE_LIMIT_READ: "100000" },
    },
  });
  gw = p.gateway?.url ?? "";
}, 120_000);

afterAll(() => p?.dispose());

const email = () => `attack-${crypto.randomUUID()}@example.com`;
const PASSWORD = "correct-horse-battery-1";

function authPost(path: string, body: Record<string, string>, headers: Record<string, string> = {}, form = false) {
  return fetch(`${gw}/api/auth${path}`, {
    method: "POST",
    headers: { "content-type": form ? "application/x-www-form-urlencoded" : "application/json", ...headers },
    body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
  });
}

async function signUpAndIn(address = email(), name = "Target") {
  expect((await authPost("/sign-up/email", { email: address, password: PASSWORD, name })).status).toBe(200);
  const res = await authPost("/sign-in/email", { email: address, password: PASSWORD });
  expect(res.status).toBe(200);
  const sessionToken = res.headers.get("set-auth-token") ?? "";
  const body = (await res.json()) as { user: { id: string } };
  return { email: address, userId: body.user.id, sessionToken };
}

async function jwtOf(sessionToken: string): Promise<string> {
  const res = await fetch(`${gw}/api/auth/token`, { headers: { authorization: `Bearer ${sessionToken}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

/** orders.mine through the gateway: the status the shopper's JWT gets. */
async function ordersMine(jwt: string): Promise<number> {
  const input = encodeURIComponent(JSON.stringify({ json: { limit: 5 } }));
  return (await fetch(`${gw}/trpc/orders.mine?input=${input}`, { headers: { authorization: `Bearer ${jwt}` } })).status;
}

async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await Bun.sleep(100);
  }
}

describe("identity through the gateway", () => {
  test("form-encoded password guesses are counted and locked out like JSON ones", async () => {
    const { email: victim } = await signUpAndIn();
    const statuses: number[] = [];
    for (let i = 0; i < LOCKOUT + 2; i++) {
      statuses.push((await authPost("/sign-in/email", { email: victim, password: `guess-${i}-x` }, {}, true)).status);
    }
    expect(statuses.slice(0, LOCKOUT)).toEqual(Array(LOCKOUT).fill(401));
    expect(statuses.slice(LOCKOUT)).toEqual([429, 429]);
    // Even the right password waits now.
    expect((await authPost("/sign-in/email", { email: victim, password: PASSWORD }, {}, true)).status).toBe(429);
  });

  test("40 parallel guesses: no more than the lockout reach the password check", async () => {
    const { email: victim } = await signUpAndIn();
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        authPost("/sign-in/email", { email: victim, password: `parallel-${i}-x` }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(LOCKOUT);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(40 - LOCKOUT);
  });

  test("a JWT stops working on another service (orders.mine) within 5 s of sign-out", async () => {
    const shopper = await signUpAndIn();
    const jwt = await jwtOf(shopper.sessionToken);
    expect(await ordersMine(jwt)).toBe(200);
    const out = await authPost("/sign-out", {}, { authorization: `Bearer ${shopper.sessionToken}` });
    expect(out.status).toBe(200);
    const took = await within(5_000, async () => (await ordersMine(jwt)) === 401);
    expect(took).toBeLessThan(5_000);
  });

  test("a duplicate sign-up answers like a new one: same status, same shape, no session", async () => {
    const { email: taken } = await signUpAndIn();
    const dup = await authPost("/sign-up/email", { email: taken, password: "another-password-1", name: "X" });
    const fresh = await authPost("/sign-up/email", { email: email(), password: "another-password-1", name: "X" });
    expect(dup.status).toBe(fresh.status);
    const shape = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "string" || x === null ? typeof x : x));
    expect(shape(await dup.json())).toBe(shape(await fresh.json()));
    expect(dup.headers.get("set-auth-token")).toBe(fresh.headers.get("set-auth-token"));
    // And the account was not taken over.
    expect((await authPost("/sign-in/email", { email: taken, password: "another-password-1" })).status).toBe(401);
  });

  test("an oversized name is refused naming the field, by sign-up and by update-user", async () => {
    const long = await authPost("/sign-up/email", { email: email(), password: PASSWORD, name: "n".repeat(101) });
    expect(long.status).toBe(400);
    expect(await long.json()).toMatchObject({ field: "name" });
    const shopper = await signUpAndIn();
    const update = await authPost(
      "/update-user",
      { name: "n".repeat(10_000) },
      { authorization: `Bearer ${shopper.sessionToken}` },
    );
    expect(update.status).toBe(400);
    expect(await update.json()).toMatchObject({ field: "name" });
  });

  test("errors that were empty-bodied are JSON naming the problem", async () => {
    const noSession = await fetch(`${gw}/api/auth/token`);
    expect(noSession.status).toBe(401);
    expect(noSession.headers.get("content-type")).toContain("application/json");
    expect(await noSession.json()).toMatchObject({ code: "UNAUTHORIZED" });
    const unknown = await fetch(`${gw}/api/auth/definitely-not-an-endpoint`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { message: string }).message.length).toBeGreaterThan(0);
  });

  test("a demoted admin's live admin feed (orders.admin.onFeed) stops", async () => {
    // Identity's seeded demo admin promotes a deputy, who opens the feed, then demotes them.
    const boss = await authPost("/sign-in/email", DEMO_ADMIN);
    expect(boss.status).toBe(200);
    const bossJwt = await jwtOf(boss.headers.get("set-auth-token") ?? "");

    const deputy = await signUpAndIn();
    const setRole = (role: "admin" | "customer") =>
      fetch(`${gw}/trpc/identity.admin.users.setRole`, {
        method: "POST",
        headers: { authorization: `Bearer ${bossJwt}`, "content-type": "application/json" },
        body: JSON.stringify({ json: { userId: deputy.userId, role } }),
      });
    expect((await setRole("admin")).status).toBe(200);
    await Bun.sleep(50);
    const deputyJwt = await jwtOf(deputy.sessionToken);

    const feed = await fetch(`${gw}/trpc/orders.admin.onFeed`, {
      headers: { authorization: `Bearer ${deputyJwt}`, accept: "text/event-stream" },
    });
    expect(feed.status).toBe(200);
    const reader = (feed.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    const readUntil = async (done: (t: string) => boolean, ms: number) => {
      const deadline = Date.now() + ms;
      while (!done(text)) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`feed: not within ${ms} ms: ${text.slice(-300)}`);
        const chunk = await Promise.race([reader.read(), Bun.sleep(left).then(() => null)]);
        if (!chunk) continue;
        if (chunk.done) break;
        text += decoder.decode(chunk.value);
      }
    };
    await readUntil((t) => t.includes("connected") || t.includes("ping") || t.includes("data:"), 5_000);

    const demotedAt = Date.now();
    expect((await setRole("customer")).status).toBe(200);
    await readUntil((t) => t.includes("serialized-error"), 5_000);
    expect(Date.now() - demotedAt).toBeLessThan(5_000);
    expect(text).toContain("UNAUTHORIZED");
    await reader.cancel().catch(() => undefined);

    // Reconnecting with the old token is refused too.
    const again = await fetch(`${gw}/trpc/orders.admin.onFeed`, {
      headers: { authorization: `Bearer ${deputyJwt}`, accept: "text/event-stream" },
    });
    const againText = await Promise.race([again.text(), Bun.sleep(3_000).then(() => "")]);
    expect(again.status === 401 || againText.includes("UNAUTHORIZED")).toBe(true);
  });
});
