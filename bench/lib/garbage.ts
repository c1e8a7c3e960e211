/**
 * Malformed traffic for the gateway: broken JSON, bodies over the limit, wrong content types,
 * unknown procedures, broken query inputs, random bytes. Every one must get a 4xx (bad input is the
 * caller's fault, never a 5xx) and the platform must keep serving.
 */

export interface GarbageCase {
  name: string;
  send: (base: string) => Promise<Response>;
}

const big = "x".repeat(2 * 1024 * 1024);
const randomBytes = () => crypto.getRandomValues(new Uint8Array(4096));

export const GARBAGE: GarbageCase[] = [
  {
    name: "malformed JSON to orders.checkout",
    send: (b) =>
      fetch(`${b}/trpc/orders.checkout`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"json": {"email": ',
      }),
  },
  {
    name: "2 MiB body to cart.addItem",
    send: (b) =>
      fetch(`${b}/trpc/cart.addItem`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: { sku: big, quantity: 1 } }),
      }),
  },
  {
    name: "text/plain body to cart.addItem",
    send: (b) =>
      fetch(`${b}/trpc/cart.addItem`, { method: "POST", headers: { "content-type": "text/plain" }, body: "hello" }),
  },
  {
    name: "multipart garbage to orders.checkout",
    send: (b) =>
      fetch(`${b}/trpc/orders.checkout`, {
        method: "POST",
        headers: { "content-type": "multipart/form-data; boundary=zzz" },
        body: '--zzz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--zz',
      }),
  },
  {
    name: "random bytes to payments.confirmTest",
    send: (b) =>
      fetch(`${b}/trpc/payments.confirmTest`, {
        method: "POST",
        headers: { "content-type": "application/octet-stream" },
        body: randomBytes(),
      }),
  },
  {
    name: "JSON of the wrong shape to orders.checkout",
    send: (b) =>
      fetch(`${b}/trpc/orders.checkout`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: [1, 2, { email: 42 }] }),
      }),
  },
  {
    name: "broken query input to catalog.products.list",
    send: (b) => fetch(`${b}/trpc/catalog.products.list?input=%7Bbroken`),
  },
  {
    name: "broken batch to catalog.products.list",
    send: (b) => fetch(`${b}/trpc/catalog.products.list,catalog.products.bySlug?batch=1&input=garbage`),
  },
  { name: "unknown procedure", send: (b) => fetch(`${b}/trpc/nothing.here`) },
  {
    name: "internal procedure from outside",
    send: (b) => fetch(`${b}/trpc/orders.internal.books`, { headers: { "x-service-token": "forged" } }),
  },
  {
    name: "mutation by GET",
    send: (b) => fetch(`${b}/trpc/orders.checkout?input=${encodeURIComponent('{"json":{}}')}`),
  },
];

export interface GarbageResult {
  name: string;
  statuses: Record<string, number>;
  /** Answers ≥ 500 or no answer at all. */
  bad: number;
}

/** Sends every case `rounds` times, `concurrency` at a time; counts the answers' statuses. */
export async function sprayGarbage(base: string, rounds: number, concurrency = 8): Promise<GarbageResult[]> {
  const results: GarbageResult[] = [];
  for (const c of GARBAGE) {
    const statuses: Record<string, number> = {};
    let bad = 0;
    let left = rounds;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (left-- > 0) {
          let key: string;
          try {
            const res = await c.send(base);
            await res.arrayBuffer();
            key = String(res.status);
            if (res.status >= 500) bad++;
          } catch (err) {
            key = `no answer (${err instanceof Error ? err.name : "error"})`;
            bad++;
          }
          statuses[key] = (statuses[key] ?? 0) + 1;
        }
      }),
    );
    results.push({ name: c.name, statuses, bad });
  }
  return results;
}
