/**
 * Singleton work across replicas, from the services' own logs (#26): each lease holder logs
 * "lease taken; job starts" and "lease ended; job stops" with the job (`lease`) and its term
 * (packages/events/src/lease.ts, at LOG_LEVEL info). A run killed with -9 logs no end: it ended
 * when its process was killed, so the caller gives each log file's kill times. Two runs of one job
 * overlapping in time means the job ran twice at once: the count must be 0.
 */
import { existsSync, readFileSync } from "node:fs";

export interface LeaseRun {
  job: string;
  term: number;
  /** The instance's log file. */
  instance: string;
  from: number;
  to: number;
}

interface LogLine {
  time?: string;
  lease?: string;
  term?: number;
  msg?: string;
}

const START_MARK = "--- start ";

/**
 * Every run of every singleton job in the given instances' logs. `killedAt`: when each file's
 * process was killed with -9 (a run open at a kill ended then); `endAt`: when the platform stopped.
 */
export function leaseRuns(files: { file: string; killedAt: readonly number[] }[], endAt: number): LeaseRun[] {
  const runs: LeaseRun[] = [];
  for (const { file, killedAt } of files) {
    if (!existsSync(file)) continue;
    const open = new Map<string, { term: number; from: number }>();
    const kills = [...killedAt].sort((a, b) => a - b);
    const close = (job: string, to: number) => {
      const run = open.get(job);
      if (!run) return;
      runs.push({ job, term: run.term, instance: file, from: run.from, to });
      open.delete(job);
    };
    for (const raw of readFileSync(file, "utf8").split("\n")) {
      if (raw.startsWith(START_MARK)) {
        // A new incarnation: whatever the last one held ended at its kill (before this start).
        const startedAt = Date.parse(raw.slice(START_MARK.length));
        const kill = kills.filter((k) => k <= startedAt).at(-1) ?? startedAt;
        for (const job of [...open.keys()]) close(job, kill);
        continue;
      }
      if (!raw.startsWith("{")) continue;
      let line: LogLine;
      try {
        line = JSON.parse(raw) as LogLine;
      } catch {
        continue;
      }
      if (!line.lease || line.term === undefined || !line.time) continue;
      const at = Date.parse(line.time);
      if (line.msg === "lease taken; job starts") open.set(line.lease, { term: line.term, from: at });
      else if (line.msg === "lease ended; job stops") close(line.lease, at);
    }
    const lastKill = kills.at(-1);
    for (const job of [...open.keys()])
      close(job, lastKill !== undefined && lastKill > (open.get(job)?.from ?? 0) ? lastKill : endAt);
  }
  return runs;
}

/** Pairs of runs of one job, in different terms, that overlap in time. */
export function leaseOverlaps(runs: readonly LeaseRun[]): [LeaseRun, LeaseRun][] {
  const out: [LeaseRun, LeaseRun][] = [];
  const byJob = new Map<string, LeaseRun[]>();
  for (const r of runs) byJob.set(r.job, [...(byJob.get(r.job) ?? []), r]);
  for (const jobRuns of byJob.values()) {
    const sorted = [...jobRuns].sort((a, b) => a.from - b.from);
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const a = sorted[i]!;
        const b = sorted[j]!;
        if (b.from >= a.to) break;
        out.push([a, b]);
      }
    }
  }
  return out;
}
