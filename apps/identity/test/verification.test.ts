import { afterAll, beforeAll, expect, test } from "bun:test";
import { DEMO_USERS } from "../src/demo.ts";
import { authHttp, type Identity, linkOf, STOREFRONT, signIn, startIdentity, uniqueEmail } from "./harness.ts";

let id: Identity;

beforeAll(async () => {
  id = await startIdentity({ REQUIRE_EMAIL_VERIFICATION: "true" });
}, 30_000);

afterAll(() => id?.dispose());

test("with REQUIRE_EMAIL_VERIFICATION, sign-in waits for the emailed link", async () => {
  const email = uniqueEmail("verify");
  const signUp = await authHttp(id.url).post("/sign-up/email", { email, password: "correct-horse-1", name: "Vera" });
  expect(signUp.status).toBe(200);
  const { user } = (await signUp.json()) as { user: { id: string } };

  const refused = await authHttp(id.url).post("/sign-in/email", { email, password: "correct-horse-1" });
  expect(refused.status).toBe(403);

  const event = await id.events.waitFor("identity.email_verification.requested.v2", (d) => d.userId === user.id);
  const link = await linkOf(id.url, event);
  expect(`${link.origin}${link.pathname}`).toBe(`${STOREFRONT}/account/verify-email`);
  const token = link.searchParams.get("token") ?? "";
  const verified = await authHttp(id.url).get(`/verify-email?token=${encodeURIComponent(token)}`);
  expect(verified.status).toBe(200);

  await signIn(id.url, email, "correct-horse-1");
});

test("the demo logins are verified, so they work with verification required", async () => {
  for (const demo of DEMO_USERS) await signIn(id.url, demo.email, demo.password);
});

test("verification emails are limited per email, and answered the same for unknown emails", async () => {
  const email = uniqueEmail("resend");
  expect(
    (await authHttp(id.url).post("/sign-up/email", { email, password: "correct-horse-1", name: "R" })).status,
  ).toBe(200);
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) {
    statuses.push((await authHttp(id.url).post("/send-verification-email", { email })).status);
  }
  // The default is 3 per window.
  expect(statuses).toEqual([200, 200, 200, 429]);
  const unknown = await authHttp(id.url).post("/send-verification-email", { email: uniqueEmail("nobody") });
  expect(unknown.status).toBe(200);
});
