/**
 * Compressed answers at the gateway (#25): the real catalog behind the real gateway, bodies read
 * raw (`decompress: false`) and decoded here, so each coding is checked against the identity bytes.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { RunningGateway } from "../src/gateway.ts";
import { startPlatform } from "./harness.ts";

let platform: Awaited<ReturnType<typeof startPlatform>>;
let uncached: RunningGateway;

beforeAll(async () => {
  platform = await startPlatform();
  uncached = await platform.gatewayFor({ GATEWAY_CACHE_BYTES: "0" });
}, 60_000);

afterAll(async () => {
  await platform?.dispose();
});

const input = (json: unknown) => encodeURIComponent(JSON.stringify({ json }));
/** A fresh listing per test (its own limit), so no test reads what another stored. */
const listing = (gw: string, limit: number) => `${gw}/trpc/catalog.products.list?input=${input({ limit })}`;

async function raw(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers, decompress: false });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

function decode(bytes: Uint8Array, coding: string | null): string {
  const plain = coding === "br" ? brotliDecompressSync(bytes) : coding === "gzip" ? gunzipSync(bytes) : bytes;
  return new TextDecoder().decode(plain);
}

const varyOf = (res: Response) => (res.headers.get("vary") ?? "").toLowerCase();

describe("compressed answers", () => {
  for (const [name, gateway] of [
    ["from the cache", () => platform.gateway],
    ["proxied with the cache off", () => uncached],
  ] as const) {
    test(`each coding decodes to the identity body, with Vary and the coded length (${name})`, async () => {
      const url = listing(gateway().url, 20);
      const identity = await raw(url, { "accept-encoding": "identity" });
      expect(identity.res.status).toBe(200);
      expect(identity.res.headers.get("content-encoding")).toBeNull();
      const text = new TextDecoder().decode(identity.bytes);
      expect(identity.bytes.byteLength).toBeGreaterThan(1024);
      expect(JSON.parse(text).result.data.json.items.length).toBeGreaterThan(0);
      expect(varyOf(identity.res)).toContain("accept-encoding");

      for (const [accept, coding] of [
        ["br", "br"],
        ["gzip", "gzip"],
        ["gzip, deflate, br", "br"],
        ["br;q=0.5, gzip;q=0.9", "gzip"],
        ["*", "br"],
        ["br;q=0, gzip;q=0", "identity"],
        ["zstd", "identity"],
      ] as const) {
        const got = await raw(url, { "accept-encoding": accept });
        expect(got.res.status).toBe(200);
        expect(got.res.headers.get("content-encoding") ?? "identity").toBe(coding);
        expect(varyOf(got.res)).toContain("accept-encoding");
        expect(Number(got.res.headers.get("content-length"))).toBe(got.bytes.byteLength);
        if (coding !== "identity") expect(got.bytes.byteLength).toBeLessThan(identity.bytes.byteLength / 2);
        expect(decode(got.bytes, got.res.headers.get("content-encoding"))).toBe(text);
      }
    });
  }

  test("a cache hit serves the stored compressed bytes without compressing again", async () => {
    const { metrics } = platform.gateway.deps;
    const url = listing(platform.gateway.url, 21);
    const before = await metrics.compressionCount("br");
    const miss = await raw(url, { "accept-encoding": "br" });
    expect(miss.res.headers.get("x-cache")).toBe("MISS");
    expect(miss.res.headers.get("content-encoding")).toBe("br");
    expect(await metrics.compressionCount("br")).toBe(before + 1);

    for (let i = 0; i < 3; i++) {
      const hit = await raw(url, { "accept-encoding": "br" });
      expect(hit.res.headers.get("x-cache")).toBe("HIT");
      expect(hit.res.headers.get("content-encoding")).toBe("br");
      expect(hit.bytes).toEqual(miss.bytes);
    }
    expect(await metrics.compressionCount("br")).toBe(before + 1);

    // Another coding is made once on its first hit, then kept too; identity needs none.
    const gzipBefore = await metrics.compressionCount("gzip");
    for (let i = 0; i < 2; i++)
      expect((await raw(url, { "accept-encoding": "gzip" })).res.headers.get("x-cache")).toBe("HIT");
    expect(await metrics.compressionCount("gzip")).toBe(gzipBefore + 1);
    await raw(url, { "accept-encoding": "identity" });
    expect(await metrics.compressionCount("br")).toBe(before + 1);
    expect(await metrics.compressionCount("gzip")).toBe(gzipBefore + 1);
  });

  test("each coding has its own ETag, and If-None-Match still answers 304", async () => {
    const url = listing(platform.gateway.url, 22);
    const tags = new Map<string, string>();
    for (const coding of ["identity", "br", "gzip"]) {
      const { res } = await raw(url, { "accept-encoding": coding });
      tags.set(coding, res.headers.get("etag")!);
    }
    expect(new Set(tags.values()).size).toBe(3);
    for (const [coding, etag] of tags) {
      const revalidated = await raw(url, { "accept-encoding": coding, "if-none-match": etag });
      expect(revalidated.res.status).toBe(304);
      expect(revalidated.bytes.byteLength).toBe(0);
      expect(revalidated.res.headers.get("etag")).toBe(etag);
    }
    // A tag of the brotli bytes does not stand for the gzip ones.
    const other = await raw(url, { "accept-encoding": "gzip", "if-none-match": tags.get("br")! });
    expect(other.res.status).toBe(200);
  });

  test("the gateway's own JSON is compressed with a weakened ETag that still revalidates", async () => {
    const url = `${platform.gateway.url}/api/v1/openapi.json`;
    const identity = await raw(url, { "accept-encoding": "identity" });
    const coded = await raw(url, { "accept-encoding": "br" });
    expect(coded.res.headers.get("content-encoding")).toBe("br");
    expect(decode(coded.bytes, "br")).toBe(new TextDecoder().decode(identity.bytes));
    const etag = coded.res.headers.get("etag")!;
    expect(etag).toBe(`W/${identity.res.headers.get("etag")}`);
    expect((await raw(url, { "accept-encoding": "br", "if-none-match": etag })).res.status).toBe(304);
  });

  test("small bodies go as they are", async () => {
    const ready = await raw(`${platform.gateway.url}/ready`, { "accept-encoding": "br, gzip" });
    expect(ready.res.status).toBe(200);
    expect(ready.bytes.byteLength).toBeLessThan(1024);
    expect(ready.res.headers.get("content-encoding")).toBeNull();

    // The threshold is the operator's: above the listing's size, the listing is not coded either.
    const strict = await platform.gatewayFor({ COMPRESSION_MIN_BYTES: String(10 * 1024 * 1024) });
    const url = listing(strict.url, 23);
    for (let i = 0; i < 2; i++) {
      const got = await raw(url, { "accept-encoding": "br, gzip" });
      expect(got.res.headers.get("content-encoding")).toBeNull();
      expect(JSON.parse(new TextDecoder().decode(got.bytes)).result.data.json.items.length).toBeGreaterThan(0);
    }
    expect(await strict.deps.metrics.compressionCount("br")).toBe(0);
  });

  test("event streams and JSON-lines batches are streamed untouched", async () => {
    const sse = await fetch(`${platform.gateway.url}/trpc/orders.ticks?input=${input({ count: 3 })}`, {
      headers: { accept: "text/event-stream", "accept-encoding": "br, gzip" },
      decompress: false,
    });
    expect(sse.headers.get("content-type")).toContain("text/event-stream");
    expect(sse.headers.get("content-encoding")).toBeNull();
    // The stream stays open: read until three events have arrived, as plain text.
    const reader = sse.body!.getReader();
    let text = "";
    const deadline = Date.now() + 10_000;
    while ((text.match(/"n":/g) ?? []).length < 3 && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    expect(text).toContain('"n":2');

    const batch = await raw(
      `${platform.gateway.url}/trpc/catalog.products.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: { limit: 24 } } }))}`,
      {
        "accept-encoding": "br, gzip",
        "trpc-accept": "application/jsonl",
      },
    );
    expect(batch.res.status).toBe(200);
    expect(batch.res.headers.get("content-encoding")).toBeNull();
    expect(new TextDecoder().decode(batch.bytes)).toContain('"items"');
  });

  test("fetch (as the storefront's server uses it) decodes once and gets the same JSON", async () => {
    const url = listing(platform.gateway.url, 24);
    const plain = await (await fetch(url, { headers: { "accept-encoding": "identity" } })).json();
    // No header given: fetch asks for its codings itself and inflates the answer.
    const res = await fetch(url);
    expect(res.headers.get("content-encoding")).not.toBeNull();
    expect(await res.json()).toEqual(plain);
  });
});
