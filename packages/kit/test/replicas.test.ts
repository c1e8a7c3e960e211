import { afterEach, expect, test } from "bun:test";
import { serviceUrlsSchema } from "../src/env.ts";
import { isUrlList, parseUrlList, ReplicaSet } from "../src/replicas.ts";
import { configureServiceCalls } from "../src/service-calls.ts";
import { createServiceClient, queryService } from "../src/service-client.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A replica answering one tRPC query with its own name; counts the requests (and mutations) it gets. */
function replica(name: string) {
  let requests = 0;
  let mutations = 0;
  const start = (port = 0) =>
    Bun.serve({
      hostname: "127.0.0.1",
      port,
      fetch(req) {
        requests += 1;
        if (req.method === "POST") mutations += 1;
        return Response.json([{ result: { data: { json: { name } } } }]);
      },
    });
  let server = start();
  const port = server.port;
  cleanups.push(() => server.stop(true));
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    mutations: () => mutations,
    /** Stops listening (connections are refused, as after kill -9). */
    stop: () => server.stop(true),
    /** Listens again on the same port. */
    restart: () => {
      server = start(port);
    },
  };
}

const signerOf = () => async () => "service-token";
const nameOf = (answer: unknown) => (answer as { name: string }).name;

test("a URL list is parsed (trimmed, no trailing slash) and validated as the env's service URL", () => {
  expect(parseUrlList(" http://a:1/, http://b:2 ,")).toEqual(["http://a:1", "http://b:2"]);
  expect(isUrlList("http://a:1,https://b")).toBe(true);
  expect(isUrlList("http://a:1,nope")).toBe(false);
  expect(isUrlList(" , ")).toBe(false);
  const schema = serviceUrlsSchema("orders").ORDERS_URL;
  expect(schema.parse("http://a:4005,http://b:4005")).toBe("http://a:4005,http://b:4005");
  expect(schema.safeParse("http://a:4005,ftp://b").success).toBe(false);
});

test("the rotation goes round, skips a replica taken out, and tries it again after its wait", () => {
  let now = 0;
  const set = new ReplicaSet(["a", "b", "c"], { retryAfterMs: 1_000, now: () => now });
  expect([set.order()[0], set.order()[0], set.order()[0], set.order()[0]]).toEqual(["a", "b", "c", "a"]);
  set.markDown("c");
  expect(set.health()).toEqual({ a: "up", b: "up", c: "down" });
  // The one taken out comes last in every order while it waits.
  expect([set.order(), set.order(), set.order()]).toEqual([
    ["b", "a", "c"],
    ["a", "b", "c"],
    ["a", "b", "c"],
  ]);
  now = 1_000;
  // Its wait is over: the call whose turn it is tries it again.
  expect(set.order()).toEqual(["b", "c", "a"]);
  expect(set.order()).toEqual(["c", "a", "b"]);
  set.markUp("c");
  expect(set.health().c).toBe("up");
});

test("calls to another service are spread over its replicas; a dead one is stepped around, even by a mutation, and used again once it answers", async () => {
  const a = replica("a");
  const b = replica("b");
  const signer = signerOf();
  const calls = configureServiceCalls(signer, { timeoutMs: 2_000, halfOpenAfterMs: 60_000, retries: 0 });
  const urls = `${a.url},${b.url}`;
  const ask = async () => nameOf(await queryService("orders", urls, signer, "orders.ping", {}));

  const seen = [await ask(), await ask(), await ask(), await ask()];
  expect(seen.sort()).toEqual(["a", "a", "b", "b"]);

  b.stop();
  // Every call answers (from a), none fails; a mutation too: it never reached the dead replica.
  for (let i = 0; i < 4; i++) expect(await ask()).toBe("a");
  const client = createServiceClient<never>("orders", urls, signer) as unknown as {
    orders: { act: { mutate(input: unknown): Promise<unknown> } };
  };
  const mutationsBefore = a.mutations();
  expect(nameOf(await client.orders.act.mutate({}))).toBe("a");
  expect(a.mutations()).toBe(mutationsBefore + 1);
  expect(calls.replicas("orders", urls).health()[b.url]).toBe("down");
  // Stepping around a dead replica is not a failure of the service: its breaker stays closed.
  expect(calls.states().orders).toBe("closed");

  b.restart();
  const requestsAtRestart = b.requests();
  await Bun.sleep(1_100);
  for (let i = 0; i < 4; i++) await ask();
  expect(b.requests()).toBeGreaterThan(requestsAtRestart);
  expect(calls.replicas("orders", urls).health()[b.url]).toBe("up");
});

test("with every replica down the call fails as unreachable, naming the service", async () => {
  const a = replica("a");
  const b = replica("b");
  a.stop();
  b.stop();
  const signer = signerOf();
  configureServiceCalls(signer, { timeoutMs: 2_000, halfOpenAfterMs: 60_000, retries: 0 });
  const err = await queryService("orders", `${a.url},${b.url}`, signer, "orders.ping", {}).catch((e: unknown) => e);
  expect(String((err as { cause?: unknown }).cause ?? err)).toContain("orders is unreachable");
});
