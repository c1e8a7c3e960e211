import { afterEach, expect, test } from "bun:test";
import { TRPCClientError } from "@trpc/client";
import { Metrics } from "../src/metrics.ts";
import { configureServiceCalls, guardedFetch, ServiceCallError } from "../src/service-calls.ts";
import { queryService } from "../src/service-client.ts";

// A caller's credential: the breakers belong to it (one calling service).
const signerOf = () => async () => "service-token";
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** An upstream answering one tRPC query after `delay()` ms; counts the requests that reach it. */
function upstream(delay: () => number) {
  let requests = 0;
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch() {
      requests += 1;
      await Bun.sleep(delay());
      return Response.json([{ result: { data: { json: { ok: true } } } }]);
    },
  });
  cleanups.push(() => server.stop(true));
  return { url: `http://127.0.0.1:${server.port}`, requests: () => requests };
}

const causeOf = (err: unknown) => (err instanceof TRPCClientError ? err.cause : err);

test("a slow upstream opens the breaker: calls then fail fast with a clear error, and it closes after recovery", async () => {
  let slowMs = 1_000;
  const up = upstream(() => slowMs);
  const signer = signerOf();
  const calls = configureServiceCalls(signer, { timeoutMs: 100, halfOpenAfterMs: 400, retries: 2 });
  const ask = () => queryService("catalog", up.url, signer, "catalog.ping", {});

  // Five timeouts in a row (a timed-out query is not retried: the upstream sees each once).
  for (let i = 0; i < 5; i++) {
    const err = causeOf(await ask().catch((e: unknown) => e));
    expect(err).toBeInstanceOf(ServiceCallError);
    expect((err as ServiceCallError).reason).toBe("timeout");
    expect((err as Error).message).toBe("catalog did not answer within 100 ms");
  }
  expect(up.requests()).toBe(5);
  expect(calls.states()).toEqual({ catalog: "open" });

  // Open: refused at once, without a request reaching the upstream (nor waiting for its timeout).
  const refused = causeOf(await ask().catch((e: unknown) => e));
  expect((refused as ServiceCallError).reason).toBe("circuit-open");
  expect((refused as Error).message).toContain("catalog is unavailable: its circuit breaker is open");
  expect(up.requests()).toBe(5);

  // Metrics and the system room read the same state.
  const metrics = new Metrics("orders");
  metrics.watchBreakers(() => calls.states());
  expect(await metrics.text()).toContain('mercato_service_call_circuit_state{upstream="catalog",service="orders"} 1');

  // The upstream recovers; after the half-open pause one trial call goes through and closes it.
  slowMs = 0;
  await Bun.sleep(450);
  expect(await ask()).toEqual({ ok: true });
  expect(calls.states()).toEqual({ catalog: "closed" });
  expect(await ask()).toEqual({ ok: true });
  expect(await metrics.text()).toContain('mercato_service_call_circuit_state{upstream="catalog",service="orders"} 0');
});

/** A TCP server that drops the first `drops` connections at once, then answers each request with 200. */
function flakyUpstream(drops: number) {
  let connections = 0;
  const body = JSON.stringify({ ok: true });
  const server = Bun.listen({
    hostname: "127.0.0.1",
    port: 0,
    socket: {
      open(socket) {
        connections += 1;
        if (connections <= drops) socket.end();
      },
      data(socket) {
        socket.write(
          `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
        );
        socket.end();
      },
    },
  });
  cleanups.push(() => server.stop(true));
  return { url: `http://127.0.0.1:${server.port}/trpc/x`, connections: () => connections };
}

test("a query (GET) is retried after a dropped connection; a mutation (POST) is not", async () => {
  const calls = configureServiceCalls(signerOf(), { timeoutMs: 2_000, halfOpenAfterMs: 5_000, retries: 2 });
  const call = guardedFetch("catalog", calls, (input, init) => fetch(input, init));

  const forQuery = flakyUpstream(1);
  const answer = await call(forQuery.url, { method: "GET" });
  expect(await answer.json()).toEqual({ ok: true });
  expect(forQuery.connections()).toBe(2);

  const forMutation = flakyUpstream(1);
  const err = await call(forMutation.url, { method: "POST", body: "{}" }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ServiceCallError);
  expect((err as ServiceCallError).reason).toBe("unreachable");
  expect((err as Error).message).toStartWith("catalog is unreachable:");
  expect(forMutation.connections()).toBe(1);
});
