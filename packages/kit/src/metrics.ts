import { Counter, Histogram, Registry } from "prom-client";

/** Prometheus metrics of one service: requests and latency per tRPC procedure and HTTP route. */
export class Metrics {
  readonly registry = new Registry();
  private readonly procedureCalls: Counter<"procedure" | "type" | "code">;
  private readonly procedureSeconds: Histogram<"procedure" | "type">;
  private readonly httpRequests: Counter<"route" | "method" | "status">;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
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
  }

  observeProcedure(procedure: string, type: string, code: string, seconds: number): void {
    this.procedureCalls.inc({ procedure, type, code });
    this.procedureSeconds.observe({ procedure, type }, seconds);
  }

  countHttp(route: string, method: string, status: number): void {
    this.httpRequests.inc({ route, method, status: String(status) });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
