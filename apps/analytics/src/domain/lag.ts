/**
 * Consumer lag: from an event's `occurredAt` (when its service committed it to the outbox) to the
 * moment analytics recorded it. Kept as the last `capacity` samples, in memory, per process.
 */
export class LagMeter {
  private samples: number[] = [];
  private count = 0;
  private max = 0;

  constructor(private readonly capacity = 10_000) {}

  record(lagMs: number): void {
    const ms = Math.max(0, lagMs);
    this.count += 1;
    this.max = Math.max(this.max, ms);
    this.samples.push(ms);
    if (this.samples.length > this.capacity) this.samples.shift();
  }

  reset(): void {
    this.samples = [];
    this.count = 0;
    this.max = 0;
  }

  summary(): LagSummary {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const at = (p: number) =>
      sorted.length ? (sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0) : 0;
    return { events: this.count, p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), maxMs: this.max };
  }
}

export interface LagSummary {
  events: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}
