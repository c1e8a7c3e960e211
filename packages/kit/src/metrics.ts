import { heapStats } from "bun:jsc";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { BreakerState } from "./breaker.ts";
import { type BusinessMetrics, createBusinessMetrics } from "./metrics-business.ts";
import { type SystemStatsSource, watchSystemStats } from "./metrics-system.ts";

/**
 * Prometheus metrics of one service: requests and latency per tRPC procedure and HTTP route, the
 * process (memory, CPU, event-loop delay, GC, open file descriptors: prom-client's default metrics,
 * with what Bun lacks filled in here), the service's outbox and consumers (`watchSystem`), and the
 * business counters its use cases bump (`business`). Every name is listed in metrics-names.ts.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly procedureCalls: Counter<"procedure" | "type" | "code">;
  private readonly procedureSeconds: Histogram<"procedure" | "type">;
  private readonly httpRequests: Counter<"route" | "method" | "status">;
  /** Orders, payments, reservations, refunds, messages: created on first use, in the service that owns them. */
  readonly business: BusinessMetrics;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    registerProcessMetrics(this.registry);
    this.procedureCalls = new Counter({
      name: "trpc_calls_total",
      help: "tRPC procedure calls by outcome",
      labelNames: ["procedure", "type", "code"],
      registers: [this.registry],
    });
    this.procedureSeconds = new Histogram({
      name: "trpc_call_duration_seconds",
      help: "tRPC procedure latency",
      labelNames: ["procedure", "type"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.httpRequests = new Counter({
      name: "http_requests_total",
      help: "HTTP requests by route and status",
      labelNames: ["route", "method", "status"],
      registers: [this.registry],
    });
    this.business = createBusinessMetrics(this.registry);
  }

  observeProcedure(procedure: string, type: string, code: string, seconds: number): void {
    this.procedureCalls.inc({ procedure, type, code });
    this.procedureSeconds.observe({ procedure, type }, seconds);
  }

  countHttp(route: string, method: string, status: number): void {
    this.httpRequests.inc({ route, method, status: String(status) });
  }

  /** Outbox backlog, consumer lag and dead letters, read when Prometheus scrapes. */
  watchSystem(source: SystemStatsSource): void {
    watchSystemStats(this.registry, source);
  }

  /** `mercato_service_call_circuit_state{upstream}`: each called service's breaker, read at each scrape. */
  watchBreakers(states: () => Record<string, BreakerState>): void {
    const codes: Record<BreakerState, number> = { closed: 0, open: 1, "half-open": 2, isolated: 3 };
    new Gauge({
      name: "mercato_service_call_circuit_state",
      help: "Circuit breaker per called service: 0 closed, 1 open, 2 half-open, 3 isolated",
      labelNames: ["upstream"],
      registers: [this.registry],
      collect() {
        for (const [upstream, state] of Object.entries(states())) this.set({ upstream }, codes[state]);
      },
    });
  }

  /** `mercato_ready{check}`: 1 when /ready's check (database, nats, redis) answers, read at each scrape. */
  watchReadiness(checks: () => Promise<{ name: string; up: boolean }[]>): void {
    new Gauge({
      name: "mercato_ready",
      help: "Whether each of /ready's checks (database, nats, redis) answers: 1 up, 0 down",
      labelNames: ["check"],
      registers: [this.registry],
      async collect() {
        for (const c of await checks()) this.set({ check: c.name }, c.up ? 1 : 0);
      },
    });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}

/**
 * Process metrics on `registry`: prom-client's defaults (memory, CPU, event-loop delay, file
 * descriptors, heap), plus what they cannot see under Bun: garbage collections (no `gc`
 * performance entries in Bun) and JavaScriptCore's heap. `nodejs_active_handles` reads 0 under
 * Bun; `process_open_fds` is the open-handles figure that works (every socket, file and timer fd).
 */
export function registerProcessMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  armGcSentinel();
  let seen = gcRuns;
  new Counter({
    name: "process_gc_runs_total",
    help: "Garbage collections observed (a weakly held sentinel object reclaimed)",
    registers: [registry],
    collect() {
      this.inc(gcRuns - seen);
      seen = gcRuns;
    },
  });
  new Gauge({
    name: "bun_jsc_heap_bytes",
    help: "JavaScriptCore heap size (bytes)",
    registers: [registry],
    collect() {
      this.set(heapStats().heapSize);
    },
  });
  new Gauge({
    name: "bun_jsc_heap_objects",
    help: "Objects on the JavaScriptCore heap",
    registers: [registry],
    collect() {
      this.set(heapStats().objectCount);
    },
  });
}

/**
 * Bun exposes no GC events: a small object held only weakly is reclaimed by the next collection,
 * whose finalizer counts it and arms another one. Cheap (one object per GC) and process-wide.
 */
let gcRuns = 0;
let gcArmed = false;
const gcSentinels = new FinalizationRegistry<null>(() => {
  gcRuns++;
  gcSentinels.register({}, null);
});
function armGcSentinel(): void {
  if (gcArmed) return;
  gcArmed = true;
  gcSentinels.register({}, null);
}
