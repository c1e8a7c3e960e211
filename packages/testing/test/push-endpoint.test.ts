import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import webPush from "web-push";
import { type PushEndpoint, startPushEndpoint } from "../src/push-endpoint.ts";

/** The harness's push service against the real `web-push` sender: VAPID checked, payload decrypted. */
let push: PushEndpoint;
const vapid = webPush.generateVAPIDKeys();
const vapidDetails = { subject: "mailto:shop@mercato.dev", publicKey: vapid.publicKey, privateKey: vapid.privateKey };

/**
 * web-push's own sendNotification speaks https only; the service (and this test) build the request
 * with web-push (VAPID JWT, aes128gcm encryption) and send it with fetch, which a loopback http
 * endpoint takes.
 */
async function send(sub: webPush.PushSubscription, payload: string, ttl?: number) {
  const d = webPush.generateRequestDetails(sub, payload, {
    vapidDetails,
    contentEncoding: "aes128gcm",
    ...(ttl ? { TTL: ttl } : {}),
  });
  return fetch(d.endpoint, { method: d.method, headers: d.headers as Record<string, string>, body: d.body });
}

beforeAll(async () => {
  push = await startPushEndpoint();
});
afterAll(() => push?.stop());

describe("startPushEndpoint", () => {
  test("decrypts an aes128gcm payload sent with VAPID and records the claims", async () => {
    const sub = push.subscription();
    const result = await send(sub, JSON.stringify({ title: "Shipped", body: "M-1" }), 60);
    expect(result.status, JSON.stringify(push.rejected)).toBe(201);
    const [got] = push.receivedBy(sub.endpoint);
    expect(JSON.parse(got?.payload ?? "null")).toEqual({ title: "Shipped", body: "M-1" });
    expect(got?.vapidKey).toBe(vapid.publicKey);
    expect(got?.claims.aud).toBe(push.origin);
    expect(got?.claims.sub).toBe("mailto:shop@mercato.dev");
    expect(got?.ttl).toBe("60");
  });

  test("answers queued statuses (410, 503) and then 201 again", async () => {
    const sub = push.subscription();
    push.answerNext(sub.endpoint, 410);
    push.answerNext(sub.endpoint, 503);
    expect((await send(sub, "x")).status).toBe(410);
    expect((await send(sub, "y")).status).toBe(503);
    expect((await send(sub, "z")).status).toBe(201);
    expect(push.receivedBy(sub.endpoint).map((r) => [r.payload, r.status])).toEqual([
      ["x", 410],
      ["y", 503],
      ["z", 201],
    ]);
  });

  test("refuses a JWT signed by another key than k, and a payload for another subscription's keys", async () => {
    const sub = push.subscription();
    const details = webPush.generateRequestDetails(sub, "secret", { vapidDetails, contentEncoding: "aes128gcm" });
    const other = webPush.generateVAPIDKeys();
    const forged = String(details.headers.Authorization).replace(/k=.*$/, `k=${other.publicKey}`);
    const res = await fetch(details.endpoint, {
      method: "POST",
      headers: { ...details.headers, Authorization: forged } as Record<string, string>,
      body: details.body,
    });
    expect(res.status).toBe(401);

    const someoneElse = push.subscription();
    const misaddressed = webPush.generateRequestDetails({ ...sub, keys: someoneElse.keys }, "secret", {
      vapidDetails,
      contentEncoding: "aes128gcm",
    });
    const res2 = await fetch(misaddressed.endpoint, {
      method: "POST",
      headers: misaddressed.headers as Record<string, string>,
      body: misaddressed.body,
    });
    expect(res2.status).toBe(400);
    expect(push.rejected.map((r) => r.status)).toEqual([401, 400]);
    expect(push.receivedBy(sub.endpoint)).toEqual([]);
  });
});
