import { describe, expect, test } from "bun:test";
import { createEvent, UserRegistered } from "@mercato/events";
import {
  isDelivered,
  isSustainedFailure,
  responseExcerpt,
  streakAfterFailure,
  webhookRetryDelayMs,
} from "../src/domain/webhook-delivery.ts";
import { mapUserRegistered } from "../src/domain/webhook-payloads.ts";
import { newWebhookSecret, secretBox } from "../src/domain/webhook-secrets.ts";

describe("webhook retry schedule", () => {
  const schedule = { baseMs: 30_000, maxMs: 6 * 3600_000 };

  test("grows 4x per attempt up to the cap, between half and all of it (equal jitter)", () => {
    const expected = [30_000, 120_000, 480_000, 1_920_000, 7_680_000, 21_600_000, 21_600_000];
    expected.forEach((full, i) => {
      expect(webhookRetryDelayMs(i + 1, schedule, () => 0)).toBe(full / 2);
      expect(webhookRetryDelayMs(i + 1, schedule, () => 1)).toBe(full);
    });
  });

  test("the default schedule spreads 8 attempts over hours", () => {
    let total = 0;
    for (let a = 1; a < 8; a++) total += webhookRetryDelayMs(a, schedule, () => 0.5);
    expect(total / 3600_000).toBeGreaterThan(10);
  });

  test("jitter spreads retries that failed together", () => {
    const delays = new Set(Array.from({ length: 50 }, () => webhookRetryDelayMs(3, schedule)));
    expect(delays.size).toBeGreaterThan(40);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(240_000);
  });
});

describe("webhook outcomes", () => {
  test("only 2xx is delivered", () => {
    expect([200, 201, 204, 299].every(isDelivered)).toBe(true);
    expect([199, 301, 302, 400, 410, 500].some(isDelivered)).toBe(false);
  });

  test("sustained failure needs both the count and the time", () => {
    const t0 = new Date("2026-12-01T00:00:00Z");
    let s = { consecutiveFailures: 0, failingSince: null as Date | null };
    for (let i = 0; i < 5; i++) s = streakAfterFailure(s, new Date(t0.getTime() + i * 1000));
    expect(s).toEqual({ consecutiveFailures: 5, failingSince: t0 });
    const limits = { afterFailures: 5, afterMs: 3600_000 };
    expect(isSustainedFailure(s, new Date(t0.getTime() + 3599_000), limits)).toBe(false);
    expect(isSustainedFailure(s, new Date(t0.getTime() + 3600_000), limits)).toBe(true);
    expect(isSustainedFailure({ ...s, consecutiveFailures: 4 }, new Date(t0.getTime() + 7200_000), limits)).toBe(false);
  });

  test("the log keeps at most 1024 characters of an answer", () => {
    expect(responseExcerpt("")).toBeNull();
    expect(responseExcerpt("ok")).toBe("ok");
    const long = responseExcerpt("é".repeat(5000));
    expect(long?.length).toBe(1024);
    expect(long?.endsWith("…")).toBe(true);
  });
});

describe("endpoint secrets", () => {
  test("sealed with AES-GCM: opened with the same key only, a new IV each time", async () => {
    const secret = newWebhookSecret();
    const box = secretBox("key-material-one-0123456789abcdef");
    const a = await box.seal(secret);
    const b = await box.seal(secret);
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret.slice(6));
    expect(await box.open(a)).toBe(secret);
    await expect(secretBox("another-key-0123456789abcdef0123").open(a)).rejects.toThrow();
  });
});

describe("mapping events to webhooks", () => {
  const registered = (role?: string) =>
    createEvent(UserRegistered, { userId: "u1", email: "pat@example.com", name: "Pat", ...(role ? { role } : {}) });

  test("a customer's sign-up is customer.created; a staff account (an accepted invitation) is not", () => {
    expect(mapUserRegistered(registered("customer"))).toEqual({
      type: "customer.created",
      data: { customerId: "u1", email: "pat@example.com", name: "Pat" },
    });
    expect(mapUserRegistered(registered("fulfilment"))).toBeNull();
    expect(mapUserRegistered(registered("admin"))).toBeNull();
  });

  test("an event from before the role was announced reads as a customer's", () => {
    const old = UserRegistered.data.parse({ userId: "u1", email: "pat@example.com", name: "Pat" });
    expect(old.role).toBe("customer");
    expect(mapUserRegistered({ ...registered(), data: old })?.type).toBe("customer.created");
  });
});
