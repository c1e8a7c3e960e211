/** Processes of the benchmark and the chaos run, measured from /proc. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export { tail } from "@mercato/testing";

export const ROOT = join(import.meta.dir, "..", "..");

/** Resident memory of a process from /proc: now (VmRSS) and the peak so far (VmHWM), in KiB. */
export function memoryOf(pid: number): { rssKib: number; hwmKib: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
    return { rssKib: field("VmRSS"), hwmKib: field("VmHWM") };
  } catch {
    return { rssKib: Number.NaN, hwmKib: Number.NaN };
  }
}

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat times; 100 on every mainstream kernel. */
const CLOCK_TICKS_PER_SECOND = 100;
