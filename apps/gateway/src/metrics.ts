import { registerProcessMetrics } from "@mercato/kit";
import { Counter, Gauge, Histogram, Registry } from "prom-client";

export type CacheResult = "hit" | "miss" | "bypass" | "not_modified";

/**
 * The gateway's Prometheus metrics. Labels are bounded: a route kind and an upstream name, never a
 * raw path or procedure name from the request (which anyone could vary without end).
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<"route" | "upstream" | "method" | "status">;
  private readonly seconds: Histogram<"route" | "upstream">;
  private readonly cache: Counter<"result">;
  private readonly cacheBytes: Gauge;
  private readonly breaker: Gauge<"upstream">;
  private readonly limited: Counter<"bucket">;
  private readonly compressions: Counter<"encoding">;
  private readonly compressionBytes: Counter<"encoding" | "side">;
  private readonly compressionCpu: Counter<"encoding">;

  constructor() {
    this.registry.setDefaultLabels({ service: "gateway" });
    // Memory, CPU, event-loop delay, GC, open file descriptors: the same as every service's.
    registerProcessMetrics(this.registry);
    this.requests = new Counter({
      name: "gateway_requests_total",
      help: "Requests by route kind, upstream, method and status",
      labelNames: ["route", "upstream", "method", "status"],
      registers: [this.registry],
    });
    this.seconds = new Histogram({
      name: "gateway_request_duration_seconds",
      help: "Time to the response headers, by route kind and upstream service",
      labelNames: ["route", "upstream"],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [this.registry],
    });
    this.cache = new Counter({
      name: "gateway_cache_requests_total",
      help: "Cacheable lookups by result; hit ratio = hit / (hit + miss)",
      labelNames: ["result"],
      registers: [this.registry],
    });
    this.cacheBytes = new Gauge({
      name: "gateway_cache_bytes",
      help: "Bytes held by the response cache",
      registers: [this.registry],
    });
    this.breaker = new Gauge({
      name: "gateway_circuit_state",
      help: "Circuit breaker per upstream: 0 closed, 1 open, 2 half-open, 3 isolated",
      labelNames: ["upstream"],
      registers: [this.registry],
    });
    this.limited = new Counter({
      name: "gateway_rate_limited_total",
      help: "Requests refused with 429, by the bucket that ran out",
      labelNames: ["bucket"],
      registers: [this.registry],
    });
    this.compressions = new Counter({
      name: "gateway_compressions_total",
      help: "Response bodies compressed, by coding (a cache hit serves a stored coding and adds nothing)",
      labelNames: ["encoding"],
      registers: [this.registry],
    });
    this.compressionBytes = new Counter({
      name: "gateway_compression_bytes_total",
      help: "Bytes into (side=in) and out of (side=out) the compressor, by coding; out / in = ratio",
      labelNames: ["encoding", "side"],
      registers: [this.registry],
    });
    this.compressionCpu = new Counter({
      name: "gateway_compression_cpu_seconds_total",
      help: "CPU time spent compressing response bodies, by coding",
      labelNames: ["encoding"],
      registers: [this.registry],
    });
  }

  observeRequest(route: string, upstream: string, method: string, status: number, seconds: number): void {
    this.requests.inc({ route, upstream, method, status: String(status) });
    this.seconds.observe({ route, upstream }, seconds);
  }

  countCache(result: CacheResult): void {
    this.cache.inc({ result });
  }

  setCacheBytes(bytes: number): void {
    this.cacheBytes.set(bytes);
  }

  setBreakerState(upstream: string, state: number): void {
    this.breaker.set({ upstream }, state);
  }

  countLimited(bucket: string): void {
    this.limited.inc({ bucket });
  }

  countCompression(encoding: string, bytesIn: number, bytesOut: number, cpuSeconds: number): void {
    this.compressions.inc({ encoding });
    this.compressionBytes.inc({ encoding, side: "in" }, bytesIn);
    this.compressionBytes.inc({ encoding, side: "out" }, bytesOut);
    this.compressionCpu.inc({ encoding }, cpuSeconds);
  }

  /** How many bodies were compressed in this coding so far (tests: a cache hit adds none). */
  async compressionCount(encoding: string): Promise<number> {
    const metric = await this.compressions.get();
    return metric.values.find((v) => v.labels.encoding === encoding)?.value ?? 0;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
