/**
 * A local web push service for tests (#22): a real HTTP server that takes the POSTs a VAPID sender
 * (the `web-push` package) makes, checks them as a push service does and decrypts them as the
 * browser would. Each `subscription()` is made the way a browser makes one: a fresh P-256 key pair
 * and a 16-byte auth secret, the private half kept here. Nothing is mocked:
 *
 * - `Authorization: vapid t=<JWT>, k=<key>`: the JWT must be ES256, signed by `k` (the sender's
 *   VAPID public key, an uncompressed P-256 point), with `aud` = this endpoint's origin, an `exp`
 *   in the future and at most 24 h ahead (RFC 8292), and a `sub` (mailto: or https:).
 * - `Content-Encoding: aes128gcm`: the body is decrypted per RFC 8188 with the key RFC 8291 derives
 *   from ECDH(subscription private key, sender's key in the header) and the auth secret.
 *
 * A request that fails either check is answered 401/400 and kept in `rejected`; a good one is
 * answered 201 (or what `answerNext` queued for that subscription: 410, 503…) and kept in
 * `received` with its plaintext.
 */
import { createDecipheriv, createECDH, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { decodeProtectedHeader, importJWK, jwtVerify } from "jose";

export interface TestPushSubscription {
  endpoint: string;
  expirationTime: null;
  keys: { p256dh: string; auth: string };
}

export interface ReceivedPush {
  /** The id in the endpoint's path. */
  subscriptionId: string;
  /** The decrypted payload as text. */
  payload: string;
  /** The VAPID public key the sender signed with (`k`, base64url). */
  vapidKey: string;
  claims: { aud: string; exp: number; sub: string };
  ttl: string | null;
  urgency: string | null;
  /** What the endpoint answered. */
  status: number;
}

export interface RejectedPush {
  subscriptionId: string;
  status: number;
  reason: string;
}

interface Keys {
  ecdh: ReturnType<typeof createECDH>;
  auth: Buffer;
}

function hkdf(ikm: Buffer, salt: Buffer, info: Buffer, length: number): Buffer {
  return Buffer.from(hkdfSync("sha256", ikm, salt, info, length));
}

/**
 * RFC 8291 §3.4 + RFC 8188 §2: decrypts an aes128gcm web push body with the subscription's keys.
 * Throws with a reason when the body is malformed or does not authenticate.
 */
export function decryptAes128gcm(body: Buffer, keys: Keys): Buffer {
  if (body.length < 21) throw new Error("body shorter than the aes128gcm header");
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20] ?? 0;
  const senderPublic = body.subarray(21, 21 + idlen);
  if (idlen !== 65 || senderPublic[0] !== 0x04) throw new Error("keyid is not the sender's uncompressed P-256 key");
  if (rs < 18) throw new Error(`record size ${rs} too small`);
  const uaPublic = keys.ecdh.getPublicKey();
  const ecdhSecret = keys.ecdh.computeSecret(senderPublic);
  // RFC 8291: IKM = HKDF(salt = auth_secret, ikm = ecdh_secret, info = "WebPush: info" 0 ua_public as_public, 32)
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), uaPublic, senderPublic]);
  const prkKey = createHmac("sha256", keys.auth).update(ecdhSecret).digest();
  const ikm = createHmac("sha256", prkKey)
    .update(Buffer.concat([keyInfo, Buffer.from([1])]))
    .digest();
  // RFC 8188: the content key and nonce from the record salt.
  const cek = hkdf(ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16);
  const baseNonce = hkdf(ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12);
  const records = body.subarray(21 + idlen);
  const out: Buffer[] = [];
  let seq = 0;
  for (let offset = 0; offset < records.length; offset += rs, seq++) {
    const record = records.subarray(offset, Math.min(offset + rs, records.length));
    if (record.length <= 16) throw new Error("record without ciphertext");
    const nonce = Buffer.from(baseNonce);
    // The sequence number XORs the nonce's low bytes (records here never pass 2^32).
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ seq) >>> 0, 8);
    const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const plain = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    // Padding: the plaintext, a delimiter (2 on the last record, 1 before), then zeros.
    let end = plain.length - 1;
    while (end >= 0 && plain[end] === 0) end--;
    const last = offset + rs >= records.length;
    if (end < 0 || plain[end] !== (last ? 2 : 1)) throw new Error("bad padding delimiter");
    out.push(plain.subarray(0, end));
  }
  return Buffer.concat(out);
}

/** A raw uncompressed P-256 point (base64url) as a JWK, for jose. */
function p256Jwk(raw: Buffer) {
  if (raw.length !== 65 || raw[0] !== 0x04) throw new Error("not an uncompressed P-256 point");
  return {
    kty: "EC",
    crv: "P-256",
    x: raw.subarray(1, 33).toString("base64url"),
    y: raw.subarray(33).toString("base64url"),
  };
}

/** Checks `Authorization: vapid t=…, k=…` for a request to `origin`; returns the key and claims. */
async function verifyVapid(header: string | null, origin: string) {
  const match = /^vapid\s+(.+)$/i.exec(header ?? "");
  if (!match?.[1]) throw new Error("Authorization is not a vapid scheme");
  const params = new Map<string, string>();
  for (const part of match[1].split(",")) {
    const [k, ...v] = part.trim().split("=");
    if (k) params.set(k.trim(), v.join("=").trim());
  }
  const t = params.get("t");
  const k = params.get("k");
  if (!t || !k) throw new Error("vapid needs t and k");
  if (decodeProtectedHeader(t).alg !== "ES256") throw new Error("the VAPID JWT is not ES256");
  const key = await importJWK(p256Jwk(Buffer.from(k, "base64url")), "ES256");
  const { payload } = await jwtVerify(t, key, { algorithms: ["ES256"], audience: origin });
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.exp !== "number" || payload.exp <= now) throw new Error("the VAPID JWT has no future exp");
  if (payload.exp > now + 24 * 3600) throw new Error("the VAPID JWT exp is more than 24 hours ahead");
  if (typeof payload.sub !== "string" || !/^(mailto:|https:)/.test(payload.sub)) {
    throw new Error("the VAPID JWT sub is not a mailto: or https: contact");
  }
  return { vapidKey: k, claims: { aud: origin, exp: payload.exp, sub: payload.sub } };
}

export async function startPushEndpoint() {
  const subscriptions = new Map<string, Keys>();
  const answers = new Map<string, number[]>();
  const received: ReceivedPush[] = [];
  const rejected: RejectedPush[] = [];

  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(req) {
      const url = new URL(req.url);
      const id = /^\/push\/([\w-]+)$/.exec(url.pathname)?.[1];
      if (req.method !== "POST" || !id) return new Response("not found", { status: 404 });
      const reject = (status: number, reason: string) => {
        rejected.push({ subscriptionId: id, status, reason });
        return new Response(reason, { status });
      };
      const keys = subscriptions.get(id);
      if (!keys) return reject(410, "no such subscription");
      let vapid: Awaited<ReturnType<typeof verifyVapid>>;
      try {
        vapid = await verifyVapid(req.headers.get("authorization"), url.origin);
      } catch (err) {
        return reject(401, `VAPID: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (req.headers.get("content-encoding") !== "aes128gcm") return reject(415, "Content-Encoding is not aes128gcm");
      let payload: string;
      try {
        payload = decryptAes128gcm(Buffer.from(await req.arrayBuffer()), keys).toString("utf8");
      } catch (err) {
        return reject(400, `decryption: ${err instanceof Error ? err.message : String(err)}`);
      }
      const status = answers.get(id)?.shift() ?? 201;
      received.push({
        subscriptionId: id,
        payload,
        ...vapid,
        ttl: req.headers.get("ttl"),
        urgency: req.headers.get("urgency"),
        status,
      });
      return new Response(status < 300 ? null : "push service says no", { status });
    },
  });
  const origin = `http://127.0.0.1:${server.port}`;

  return {
    origin,
    received,
    rejected,
    /** A new subscription as a browser's `PushSubscription.toJSON()` gives it. */
    subscription(): TestPushSubscription {
      const id = randomBytes(12).toString("base64url");
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = randomBytes(16);
      subscriptions.set(id, { ecdh, auth });
      return {
        endpoint: `${origin}/push/${id}`,
        expirationTime: null,
        keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") },
      };
    },
    /** The next pushes to `endpoint` are answered with these statuses (then 201 again). */
    answerNext(endpoint: string, ...statuses: number[]): void {
      const id = endpoint.slice(endpoint.lastIndexOf("/") + 1);
      answers.set(id, [...(answers.get(id) ?? []), ...statuses]);
    },
    /** The decrypted pushes that reached `endpoint`. */
    receivedBy(endpoint: string): ReceivedPush[] {
      const id = endpoint.slice(endpoint.lastIndexOf("/") + 1);
      return received.filter((r) => r.subscriptionId === id);
    },
    stop: () => server.stop(true),
  };
}

export type PushEndpoint = Awaited<ReturnType<typeof startPushEndpoint>>;
