/**
 * A service's replicas as one caller sees them (#26): the gateway's upstreams and the services'
 * clients of each other spread their calls over them round robin, take a replica out when a
 * connection to it fails (or, at the gateway, when its `/ready` probe fails), and put it back in
 * when it answers again. The URLs come from the service's URL variable in the registry's name
 * (`ORDERS_URL=http://a:4005,http://b:4005`): one name per service, one or more addresses.
 *
 * A replica taken out is tried again once `retryAfterMs` has passed (one call, like a breaker's
 * half-open trial): connecting to a dead loopback port costs microseconds, so no timer is needed,
 * and a replica that comes back is used again without anyone probing it.
 */

/** `http://a:1, http://b:2/` → `["http://a:1", "http://b:2"]` (trimmed, no trailing slash, no blanks). */
export function parseUrlList(raw: string): string[] {
  return raw
    .split(",")
    .map((u) => u.trim().replace(/\/+$/, ""))
    .filter(Boolean);
}

/** Whether `raw` is a non-empty comma-separated list of http(s) URLs (env validation). */
export function isUrlList(raw: string): boolean {
  const urls = parseUrlList(raw);
  return (
    urls.length > 0 &&
    urls.every((u) => {
      try {
        const { protocol } = new URL(u);
        return protocol === "http:" || protocol === "https:";
      } catch {
        return false;
      }
    })
  );
}

/**
 * Whether a fetch failed before the request reached the replica (refused, no route, name not
 * resolved): the call was never handled, so sending it to another replica is safe even for a
 * mutation. A reset after connecting is not one of these: the replica may have acted on it.
 */
export function isConnectFailure(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    code === "ECONNREFUSED" ||
    code === "ConnectionRefused" ||
    code === "EHOSTUNREACH" ||
    code === "ENETUNREACH" ||
    code === "ENOTFOUND" ||
    code === "FailedToOpenSocket"
  );
}

export type ReplicaHealth = "up" | "down";

export interface ReplicaSetOptions {
  /** How long a replica stays out after a failure before one call tries it again (default 1 s). */
  retryAfterMs?: number;
  now?: () => number;
}

export class ReplicaSet {
  readonly urls: readonly string[];
  /** Replica → when it was taken out. */
  private readonly downSince = new Map<string, number>();
  private cursor = 0;
  private readonly retryAfterMs: number;
  private readonly now: () => number;

  constructor(urls: readonly string[], options: ReplicaSetOptions = {}) {
    if (urls.length === 0) throw new Error("a replica set needs at least one URL");
    this.urls = urls;
    this.retryAfterMs = options.retryAfterMs ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * The replicas to try for one call, in order: the next in the rotation first, then the other
   * live ones, then those taken out whose retry time has come, and last those still out (a call
   * with every replica out still tries them all rather than fail without trying).
   */
  order(): string[] {
    const n = this.urls.length;
    if (n === 1) return [this.urls[0] as string];
    const start = this.cursor;
    this.cursor = (this.cursor + 1) % n;
    const rotated = Array.from({ length: n }, (_, i) => this.urls[(start + i) % n] as string);
    const now = this.now();
    const due = (u: string) => now - (this.downSince.get(u) ?? 0) >= this.retryAfterMs;
    // A replica whose retry time has come is tried first by the call that reaches it in the
    // rotation, so it is put back as soon as it answers.
    const live = rotated.filter((u) => !this.downSince.has(u) || due(u));
    const out = rotated.filter((u) => this.downSince.has(u) && !due(u));
    return [...live, ...out];
  }

  /** Takes a replica out (a failed connect, a failed probe); restarts its retry wait. */
  markDown(url: string): void {
    this.downSince.set(url, this.now());
  }

  /** Puts a replica back (it answered). */
  markUp(url: string): void {
    this.downSince.delete(url);
  }

  health(): Record<string, ReplicaHealth> {
    return Object.fromEntries(this.urls.map((u) => [u, this.downSince.has(u) ? "down" : "up"]));
  }

  /**
   * Runs `call` against replicas in `order()` until one connects: a replica that refuses the
   * connection is taken out and the next is tried (the call never reached it); an answer puts that
   * replica back in; any other failure ends the attempt (the breaker and retries judge it).
   */
  async run<T>(call: (url: string) => Promise<T>): Promise<T> {
    let last: unknown;
    for (const url of this.order()) {
      try {
        const result = await call(url);
        this.markUp(url);
        return result;
      } catch (err) {
        if (!isConnectFailure(err)) throw err;
        this.markDown(url);
        last = err;
      }
    }
    throw last;
  }
}
