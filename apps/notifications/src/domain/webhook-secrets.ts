/**
 * Endpoint signing secrets (#24): made as Standard Webhooks libraries take them (`whsec_` +
 * base64 of 32 random bytes) and kept encrypted at rest with AES-256-GCM under the service's
 * webhook key (`v1.<iv>.<ciphertext>`, base64url), so a copy of the database alone signs nothing.
 */
const PREFIX = "whsec_";

export function newWebhookSecret(): string {
  return `${PREFIX}${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64")}`;
}

export interface SecretBox {
  seal(secret: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

/** An AES-256-GCM box keyed by SHA-256 of `keyMaterial`. */
export function secretBox(keyMaterial: string): SecretBox {
  const key = crypto.subtle
    .digest("SHA-256", new TextEncoder().encode(`mercato:webhook-secrets:${keyMaterial}`))
    .then((raw) => crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]));
  const b64 = (bytes: ArrayBuffer | Uint8Array) => Buffer.from(bytes as ArrayBuffer).toString("base64url");
  return {
    async seal(secret) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const ct = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await key, new TextEncoder().encode(secret));
      return `v1.${b64(iv)}.${b64(ct)}`;
    },
    async open(sealed) {
      const [version, iv, ct] = sealed.split(".");
      if (version !== "v1" || !iv || !ct) throw new Error("webhook secret: unknown sealing format");
      const plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: Buffer.from(iv, "base64url") },
        await key,
        Buffer.from(ct, "base64url"),
      );
      return new TextDecoder().decode(plain);
    },
  };
}
