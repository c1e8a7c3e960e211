import { afterAll, beforeAll, expect, test } from "bun:test";
import { DEMO_USERS } from "../src/demo.ts";
import { type Identity, STOREFRONT, startIdentity, uniqueEmail } from "./harness.ts";

let id: Identity;

beforeAll(async () => {
  id = await startIdentity({ REQUIRE_EMAIL_VERIFICATION: "true" });
}, 30_000);

afterAll(() => id?.dispose());

test("with REQUIRE_EMAIL_VERIFICATION, sign-in waits for the emailed link", async () => {
  const email = uniqueEmail("verify");
  const signUp = await id.authHttp().post("/sign-up/email", { email, password: "correct-horse-1", name: "Vera" });
  expect(signUp.status).toBe(200);
  const { user } = (await signUp.json()) as { user: { id: string } };

  const refused = await id.authHttp().post("/sign-in/email", { email, password: "correct-horse-1" });
  expect(refused.status).toBe(403);

  const event = await id.events.waitFor("identity.email_verification.requested.v1", (d) => d.userId === user.id);
  const link = new URL(String(event.data.verifyUrl));
  expect(`${link.origin}${link.pathname}`).toBe(`${STOREFRONT}/account/verify-email`);
  const token = link.searchParams.get("token") ?? "";
  const verified = await id.authHttp().get(`/verify-email?token=${encodeURIComponent(token)}`);
  expect(verified.status).toBe(200);

  await id.signIn(email, "correct-horse-1");
});

test("the demo logins are verified, so they work with verification required", async () => {
  for (const demo of DEMO_USERS) await id.signIn(demo.email, demo.password);
});
