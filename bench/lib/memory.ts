/** Samples the resident memory of every platform process while load runs (peak VmRSS per process). */
import { memoryOf } from "./proc.ts";

export class MemorySampler {
  readonly peakKib = new Map<string, number>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private processes: () => { name: string; pid: number }[]) {}

  sample(): Map<string, number> {
    const now = new Map<string, number>();
    for (const { name, pid } of this.processes()) {
      const { rssKib } = memoryOf(pid);
      now.set(name, rssKib);
      if (Number.isFinite(rssKib)) this.peakKib.set(name, Math.max(this.peakKib.get(name) ?? 0, rssKib));
    }
    return now;
  }

  start(everyMs = 250): void {
    this.timer ??= setInterval(() => this.sample(), everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
