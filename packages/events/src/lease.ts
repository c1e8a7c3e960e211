import { hostname } from "node:os";
import { StorageType } from "@nats-io/jetstream";
import { type KV, Kvm } from "@nats-io/kv";
import type { NatsConnection } from "@nats-io/transport-node";
import type { Logger } from "pino";

/**
 * Singleton work under a lease in NATS JetStream KV: one key per job (`<service>.<job>`) in one
 * bucket whose max age is the lease's TTL (nats-server 2.9 has no per-message TTL, so the bucket's
 * age limit expires a key its holder stopped renewing). A contender `create`s the key (refused while
 * it exists); the holder renews it with `update` at its last revision every TTL/4, so a write by
 * anyone else makes the renewal fail and the job stop. The revision that started a run is its
 * term: JetStream sequences only grow, so terms are a fencing token.
 *
 * The holder never runs past what it can prove: it counts its lease from the moment it *sent* the
 * last successful write (before the server stamped it) and stops the job at 2/3 of the TTL without
 * a renewal, leaving the last third for the job to finish stopping before the key can expire on
 * the server and another instance take it.
 */

import { LEASE_BUCKET } from "./lease-names.ts";

export { LEASE_BUCKET };
/** How long a key outlives its last renewal; the bucket's max age, fixed when the bucket is created. */
export const DEFAULT_LEASE_TTL_MS = 6_000;

export interface LeaseTerm {
  /** The KV revision of the write that started this run: larger than every earlier term of this job. */
  term: number;
  /** Aborts when the lease is lost (a renewal refused, or none confirmed in time) or on stop. */
  signal: AbortSignal;
}

/** The job: runs until `signal` aborts, then resolves once it has stopped doing work. */
export type SingletonRun = (lease: LeaseTerm) => Promise<void>;

export interface Singleton {
  readonly name: string;
  /** The current term while this process runs the job, otherwise undefined. */
  readonly term: number | undefined;
  /** Stops the job (if running), releases the key so another instance takes over at once, and stops contending. */
  stop(): Promise<void>;
}

export interface LeaseOptions {
  bucket?: string;
  /** TTL when this call creates the bucket; an existing bucket keeps its own (its max age is read back). */
  ttlMs?: number;
  /** JetStream replicas of the bucket (3 on a three-node cluster, like the streams). */
  replicas?: number;
  /** This process's identity in the keys' values; unique per process by default. */
  holder?: string;
}

const isWrongSequence = (err: unknown) => /wrong last sequence/i.test(String(err));

export class LeaseBucket {
  private constructor(
    private readonly kv: KV,
    readonly ttlMs: number,
    readonly holder: string,
    private readonly log: Logger,
  ) {}

  static async open(nc: NatsConnection, log: Logger, opts: LeaseOptions = {}): Promise<LeaseBucket> {
    const kv = await new Kvm(nc).create(opts.bucket ?? LEASE_BUCKET, {
      ttl: opts.ttlMs ?? DEFAULT_LEASE_TTL_MS,
      history: 1,
      replicas: opts.replicas ?? 1,
      // Kept on disk: a restarted NATS still knows who holds what, so no second holder appears.
      storage: StorageType.File,
    });
    const ttlMs = (await kv.status()).ttl;
    if (!ttlMs) throw new Error(`lease bucket ${opts.bucket ?? LEASE_BUCKET} has no max age: keys would never expire`);
    const holder = opts.holder ?? `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
    return new LeaseBucket(kv, ttlMs, holder, log.child({ component: "lease" }));
  }

  /** Runs `run` in this process only while it holds the lease `name` (e.g. `orders.outbox-relay`). */
  singleton(name: string, run: SingletonRun): Singleton {
    return new LeaseHolder(this.kv, name, this.holder, this.ttlMs, run, this.log.child({ lease: name }));
  }
}

class LeaseHolder implements Singleton {
  private revision = 0;
  private current: { term: number; controller: AbortController; done: Promise<void> } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lapse: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private busy: Promise<void> = Promise.resolve();
  private ending: Promise<void> = Promise.resolve();
  private readonly renewMs: number;
  private readonly pollMs: number;
  private readonly validMs: number;

  constructor(
    private readonly kv: KV,
    readonly name: string,
    private readonly holder: string,
    ttlMs: number,
    private readonly run: SingletonRun,
    private readonly log: Logger,
  ) {
    this.renewMs = Math.max(50, Math.floor(ttlMs / 4));
    this.pollMs = Math.max(50, Math.min(1_000, Math.floor(ttlMs / 6)));
    this.validMs = Math.floor((ttlMs * 2) / 3);
    this.schedule(0);
  }

  get term(): number | undefined {
    return this.current?.term;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.busy = this.step().catch((err) => this.log.warn({ err: String(err) }, "lease step failed; will retry"));
      void this.busy.finally(() => this.schedule(this.current ? this.renewMs : this.pollMs));
    }, ms);
  }

  private async step(): Promise<void> {
    const sentAt = performance.now();
    if (this.current) {
      try {
        this.revision = await this.kv.update(this.name, this.holder, this.revision, this.renewMs);
        this.extend(sentAt);
      } catch (err) {
        // Refused: someone else wrote the key, so it is no longer ours. Anything else (a timeout,
        // NATS away) is retried until the lapse timer stops the job.
        if (isWrongSequence(err)) await this.end("lost: the key was written by another holder");
        else this.log.warn({ err: String(err) }, "lease not renewed; retrying");
      }
      return;
    }
    const revision = await this.acquire();
    if (revision === undefined || this.stopped) return;
    this.revision = revision;
    this.begin(revision, sentAt);
  }

  /** Takes the key when nobody holds it, or when it still names this process (its own run lapsed). */
  private async acquire(): Promise<number | undefined> {
    try {
      return await this.kv.create(this.name, this.holder);
    } catch (err) {
      if (!isWrongSequence(err)) throw err;
    }
    const entry = await this.kv.get(this.name);
    if (entry?.operation !== "PUT" || entry.string() !== this.holder) return undefined;
    try {
      return await this.kv.update(this.name, this.holder, entry.revision, this.renewMs);
    } catch (err) {
      if (isWrongSequence(err)) return undefined;
      throw err;
    }
  }

  private begin(term: number, sentAt: number): void {
    const controller = new AbortController();
    this.log.info({ term }, "lease taken; job starts");
    const done = Promise.resolve()
      .then(() => this.run({ term, signal: controller.signal }))
      .catch((err) => this.log.error({ err: String(err), term }, "singleton job failed"));
    // A job that ends by itself gives the lease up, so another instance may run it.
    void done.then(() => {
      if (!controller.signal.aborted) void this.end("the job ended by itself", true);
    });
    this.current = { term, controller, done };
    this.extend(sentAt);
  }

  /** The run may go on until `validMs` after the write was sent, unless another renewal lands. */
  private extend(sentAt: number): void {
    clearTimeout(this.lapse);
    const left = sentAt + this.validMs - performance.now();
    this.lapse = setTimeout(() => void this.end("lapsed: no renewal confirmed in time"), Math.max(0, left));
  }

  /** Stops the current run; every caller waits for the same stop (the lapse timer and `stop` may race). */
  private end(reason: string, release = false): Promise<void> {
    const current = this.current;
    if (!current) return this.ending;
    this.current = undefined;
    clearTimeout(this.lapse);
    this.log.warn({ term: current.term, reason }, "lease ended; job stops");
    current.controller.abort(new Error(`lease ${this.name} ${reason}`));
    this.ending = current.done.then(() => (release ? this.release() : undefined));
    return this.ending;
  }

  private async release(): Promise<void> {
    try {
      await this.kv.delete(this.name, { previousSeq: this.revision });
    } catch (err) {
      // Taken or expired meanwhile, or NATS away: the key expires by itself after the TTL.
      this.log.debug({ err: String(err) }, "lease not released");
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.busy;
    await this.end("stopping", true);
  }
}

/** Resolves when the signal aborts: `await aborted(signal)` inside a job. */
export function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}
