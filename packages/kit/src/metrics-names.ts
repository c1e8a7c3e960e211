/**
 * Every metric name the platform exposes (services through the kit, the gateway), without the
 * `_bucket` / `_sum` / `_count` of histograms. The Grafana dashboards and the alert rules may use
 * only these (scripts/test-observe.sh checks them), and a test checks that what /metrics serves is
 * in this list, so it stays true.
 */
export const METRIC_NAMES = [
  // prom-client's default process metrics (collectDefaultMetrics), as they appear under Bun
  "process_cpu_user_seconds_total",
  "process_cpu_system_seconds_total",
  "process_cpu_seconds_total",
  "process_start_time_seconds",
  "process_resident_memory_bytes",
  "process_virtual_memory_bytes",
  "process_heap_bytes",
  "process_open_fds",
  "process_max_fds",
  "nodejs_eventloop_lag_seconds",
  "nodejs_eventloop_lag_min_seconds",
  "nodejs_eventloop_lag_max_seconds",
  "nodejs_eventloop_lag_mean_seconds",
  "nodejs_eventloop_lag_stddev_seconds",
  "nodejs_eventloop_lag_p50_seconds",
  "nodejs_eventloop_lag_p90_seconds",
  "nodejs_eventloop_lag_p99_seconds",
  "nodejs_active_resources",
  "nodejs_active_resources_total",
  "nodejs_active_handles",
  "nodejs_active_handles_total",
  "nodejs_active_requests",
  "nodejs_active_requests_total",
  "nodejs_heap_size_total_bytes",
  "nodejs_heap_size_used_bytes",
  "nodejs_external_memory_bytes",
  "nodejs_heap_space_size_total_bytes",
  "nodejs_heap_space_size_used_bytes",
  "nodejs_heap_space_size_available_bytes",
  "nodejs_version_info",
  "nodejs_gc_duration_seconds",
  // what Bun's process lacks, filled in by the kit (metrics.ts)
  "process_gc_runs_total",
  "bun_jsc_heap_bytes",
  "bun_jsc_heap_objects",
  // every service (the kit)
  "trpc_calls_total",
  "trpc_call_duration_seconds",
  "http_requests_total",
  // readiness, as /ready sees it (service.ts)
  "mercato_ready",
  // calls to other services: each one's circuit breaker (service-calls.ts)
  "mercato_service_call_circuit_state",
  // outbox, consumers, dead letters (metrics-system.ts)
  "mercato_system_stats_up",
  "mercato_outbox_pending_rows",
  "mercato_outbox_oldest_pending_age_seconds",
  "mercato_consumer_pending_messages",
  "mercato_consumer_ack_pending_messages",
  "mercato_consumer_redelivered_messages",
  "mercato_dead_letter_messages",
  // business (metrics-business.ts)
  "mercato_orders_total",
  "mercato_checkout_to_paid_seconds",
  "mercato_reservations_expired_total",
  "mercato_refunds_total",
  "mercato_messages_total",
  // the gateway (apps/gateway/src/metrics.ts)
  "gateway_requests_total",
  "gateway_request_duration_seconds",
  "gateway_cache_requests_total",
  "gateway_cache_bytes",
  "gateway_circuit_state",
  "gateway_rate_limited_total",
  // Prometheus' own per target
  "up",
  "scrape_duration_seconds",
  "scrape_samples_scraped",
] as const;

export type MetricName = (typeof METRIC_NAMES)[number];

const SUFFIXES = ["_bucket", "_sum", "_count", "_created"];

/** The listed metric a sample or series name belongs to (`x_bucket` → `x`), or undefined. */
export function metricNameOf(series: string): MetricName | undefined {
  const known = new Set<string>(METRIC_NAMES);
  if (known.has(series)) return series as MetricName;
  for (const suffix of SUFFIXES) {
    if (series.endsWith(suffix) && known.has(series.slice(0, -suffix.length))) {
      return series.slice(0, -suffix.length) as MetricName;
    }
  }
  return undefined;
}
