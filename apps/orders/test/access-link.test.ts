import { describe, expect, test } from "bun:test";
import { SignJWT } from "jose";
import { accessLinkTokenSchema, orderLookupInput } from "../src/contract.ts";
import {
  ACCESS_LINK_AUDIENCE,
  ACCESS_LINK_ISSUER,
  signAccessLink,
  verifyAccessLink,
} from "../src/domain/access-link.ts";

const SECRET = "a-test-secret-of-at-least-32-characters!";
const OTHER = "another-secret-of-at-least-32-characters";
const ORDER = "019a0000-0000-7000-8000-000000000001";
const DAY = 24 * 3600;
const NOW = new Date("2026-12-01T12:00:00Z");

describe("guest order link tokens", () => {
  test("a signed link verifies for its order until it expires, and says when", async () => {
    const { token, expiresAt } = await signAccessLink(SECRET, ORDER, 30 * DAY, NOW);
    expect(expiresAt.toISOString()).toBe("2026-12-31T12:00:00.000Z");
    expect(accessLinkTokenSchema.safeParse(token).success).toBe(true);
    const later = new Date(NOW.getTime() + 29 * DAY * 1000);
    expect(await verifyAccessLink(SECRET, token, ORDER, later)).toEqual({ ok: true, orderId: ORDER, expiresAt });
  });

  test("after its expiry the link is refused as expired", async () => {
    const { token } = await signAccessLink(SECRET, ORDER, 60, NOW);
    expect(await verifyAccessLink(SECRET, token, ORDER, new Date(NOW.getTime() + 61_000))).toEqual({
      ok: false,
      why: "expired",
    });
  });

  test("a link for one order opens no other order", async () => {
    const { token } = await signAccessLink(SECRET, ORDER, DAY, NOW);
    expect(await verifyAccessLink(SECRET, token, `${ORDER.slice(0, -1)}2`, NOW)).toEqual({ ok: false, why: "invalid" });
  });

  test("a tampered payload or signature, or another secret's link, is invalid (not expired)", async () => {
    const { token } = await signAccessLink(SECRET, ORDER, DAY, NOW);
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: "someone-elses-order" })).toString("base64url");
    expect((await verifyAccessLink(SECRET, `${header}.${forged}.${signature}`, "someone-elses-order", NOW)).ok).toBe(
      false,
    );
    const flipped = `${signature.slice(0, -2)}${signature.endsWith("AA") ? "BB" : "AA"}`;
    expect(await verifyAccessLink(SECRET, `${header}.${payload}.${flipped}`, ORDER, NOW)).toEqual({
      ok: false,
      why: "invalid",
    });
    expect(await verifyAccessLink(OTHER, token, ORDER, NOW)).toEqual({ ok: false, why: "invalid" });
    // Signed by someone else and long expired: still "invalid", never "expired" (nothing is told).
    const { token: foreignOld } = await signAccessLink(OTHER, ORDER, 60, new Date("2020-01-01T00:00:00Z"));
    expect(await verifyAccessLink(SECRET, foreignOld, ORDER, NOW)).toEqual({ ok: false, why: "invalid" });
    expect(await verifyAccessLink(SECRET, "not.a.token", ORDER, NOW)).toEqual({ ok: false, why: "invalid" });
  });

  test("an unsigned token, another algorithm, audience or issuer is refused", async () => {
    const key = new TextEncoder().encode(SECRET);
    const iat = Math.floor(NOW.getTime() / 1000);
    const build = (alg: string, aud: string, iss: string) =>
      new SignJWT({})
        .setProtectedHeader({ alg })
        .setIssuer(iss)
        .setAudience(aud)
        .setSubject(ORDER)
        .setIssuedAt(iat)
        .setExpirationTime(iat + DAY)
        .sign(key);
    expect(
      (await verifyAccessLink(SECRET, await build("HS512", ACCESS_LINK_AUDIENCE, ACCESS_LINK_ISSUER), ORDER, NOW)).ok,
    ).toBe(false);
    expect(
      (await verifyAccessLink(SECRET, await build("HS256", "mercato:other", ACCESS_LINK_ISSUER), ORDER, NOW)).ok,
    ).toBe(false);
    expect(
      (await verifyAccessLink(SECRET, await build("HS256", ACCESS_LINK_AUDIENCE, "mercato:identity"), ORDER, NOW)).ok,
    ).toBe(false);
    const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify({ sub: ORDER, iss: ACCESS_LINK_ISSUER, aud: ACCESS_LINK_AUDIENCE, iat, exp: iat + DAY })).toString("base64url")}.`;
    expect((await verifyAccessLink(SECRET, none, ORDER, NOW)).ok).toBe(false);
  });

  test("a short secret or a non-positive lifetime is a programming error", async () => {
    await expect(signAccessLink("short", ORDER, DAY)).rejects.toThrow(/32 characters/);
    await expect(signAccessLink(SECRET, ORDER, 0)).rejects.toThrow(/positive/);
  });
});

describe("the order lookup's input", () => {
  test("an order number is read in any case, with or without #", () => {
    const parsed = orderLookupInput.parse({ orderNumber: " #mc-000123 ", email: "a@example.com" });
    expect(parsed.orderNumber).toBe("MC-000123");
  });

  test("anything else names the field", () => {
    const bad = orderLookupInput.safeParse({ orderNumber: "123; drop", email: "a@example.com" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["orderNumber"]);
    const noEmail = orderLookupInput.safeParse({ orderNumber: "MC-000123", email: "nope" });
    expect(noEmail.error?.issues[0]?.path).toEqual(["email"]);
  });
});
