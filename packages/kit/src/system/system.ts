/**
 * The `system` room every service gets from the kit (`<service>.system.*`, merged into the
 * service's router by `defineService`): what the admin's system health page shows of one service
 * (readiness, version, memory, event-loop delay, outbox backlog, consumer lag, dead letters) and
 * the replay of one of its dead letters. Staff with `settings.write` only.
 *
 * Replay runs the dead letter through the same handler the consumer runs, in this process, so the
 * handler's inbox (`processOnce`) makes a second replay, or a replay of an event that was handled
 * after all, change nothing. The service's NATS user may not publish another domain's events
 * (nats-auth.ts), and a re-publish with the same id would be dropped by the stream's dedupe window,
 * so "a new delivery" is this in-process one. A replay is recorded in Redis (who, when) so the page
 * shows the letter as replayed; the letter itself stays in the DEADLETTER stream (no service may
 * delete from a stream) until its retention ends.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import {
  DEAD_LETTER_PREFIX,
  DEAD_LETTER_STREAM,
  type EventHandler,
  EventSchemaError,
  parseDeadLetterSubject,
  parseEvent,
} from "@mercato/events";
import type { AnyRouter } from "@trpc/server";
import { z } from "zod";
import type { BreakerState } from "../breaker.ts";
import { conflict, notFound, unavailable } from "../errors.ts";
import type { BaseDeps } from "../service.ts";
import { serviceCallsOf } from "../service-calls.ts";
import { initServiceTRPC } from "../trpc.ts";
import { type ConsumerLag, consumerLags, deadLetterCount, type OutboxBacklog, outboxBacklog } from "./stats.ts";

// biome-ignore lint/suspicious/noExplicitAny: any service's deps
type AnyDeps = BaseDeps<any, any>;

/** What the kit knows about a running service beyond its deps: its handlers and the domains they read. */
export interface SystemState {
  handlers: readonly EventHandler[];
  startedAt: number;
}

const states = new WeakMap<object, SystemState>();

/** Called by the kit once a service's deps exist (service.ts). */
export function registerSystem(deps: object, state: SystemState): void {
  states.set(deps, state);
}

/** How many dead letters one status lists (oldest first); `deadLetters.total` counts them all. */
export const DEAD_LETTERS_LISTED = 100;

export interface DeadLetterItem {
  sequence: number;
  subject: string;
  consumer: string;
  eventType: string;
  eventId: string | null;
  reason: string;
  deliveryCount: number | null;
  /** When it was dead-lettered (ISO, UTC). */
  at: string;
  replayedAt: string | null;
  replayedBy: string | null;
}

export interface SystemStatus {
  service: string;
  version: string;
  gitSha: string | null;
  startedAt: string;
  ready: boolean;
  checks: Record<string, string>;
  memory: { rssBytes: number; heapUsedBytes: number; heapTotalBytes: number };
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  outbox: OutboxBacklog;
  consumers: ConsumerLag[];
  deadLetters: { total: number; items: DeadLetterItem[] };
  /** The circuit breaker of each service this one has called (service-calls.ts), like the gateway's. */
  breakers: Record<string, BreakerState>;
}

// ── Process readers ─────────────────────────────────────────────────────────────────────────
let loopDelay: ReturnType<typeof monitorEventLoopDelay> | undefined;
function eventLoopDelay(): SystemStatus["eventLoopDelayMs"] {
  if (!loopDelay) {
    loopDelay = monitorEventLoopDelay({ resolution: 20 });
    loopDelay.enable();
  }
  const ms = (ns: number) => Math.round((Number.isFinite(ns) ? ns : 0) / 1e4) / 100;
  return { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) };
}

let version: string | undefined;
/** The version of the package whose entry point runs (apps/<service>/package.json). */
function packageVersion(): string {
  if (version !== undefined) return version;
  version = "unknown";
  let dir = dirname(process.argv[1] ?? ".");
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version?: unknown };
      if (typeof pkg.version === "string") version = pkg.version;
      break;
    } catch {
      dir = dirname(dir);
    }
  }
  return version;
}

async function check(work: () => Promise<unknown>): Promise<string> {
  try {
    await Promise.race([
      work(),
      Bun.sleep(1_500).then(() => {
        throw new Error("no answer within 1.5 s");
      }),
    ]);
    return "up";
  } catch (err) {
    return `down: ${err instanceof Error ? err.message : String(err)}`;
  }
}

// ── Dead letters ────────────────────────────────────────────────────────────────────────────
const replayedKey = (service: string) => `system:dead-letters:replayed:${service}`;
const replayLockKey = (service: string, seq: number) => `system:dead-letters:replaying:${service}:${seq}`;

interface StoredMessage {
  seq: number;
  subject: string;
  data: Uint8Array;
  time: Date;
  header: { get(k: string): string };
  string(): string;
}

async function getDeadLetter(deps: AnyDeps, seq: number, nextOfMine: boolean): Promise<StoredMessage | null> {
  const prefix = `${DEAD_LETTER_PREFIX}.${deps.name}.`;
  try {
    // `next_by_subj` (server 2.9+: the first message at or after `seq` on these subjects) is
    // missing from the client's request type.
    const request = (nextOfMine ? { seq, next_by_subj: `${prefix}>` } : { seq }) as { seq: number };
    const msg = await deps.bus.jsm.streams.getMessage(DEAD_LETTER_STREAM, request);
    if (!msg?.subject.startsWith(prefix)) return null;
    return msg as unknown as StoredMessage;
  } catch (err) {
    if (/no message found|message not found/i.test(String(err))) return null;
    throw err;
  }
}

function itemOf(msg: StoredMessage, replays: Record<string, string>): DeadLetterItem | null {
  const parsed = parseDeadLetterSubject(msg.subject);
  if (!parsed) return null;
  let eventId: string | null = null;
  try {
    const body = JSON.parse(msg.string()) as { id?: unknown };
    if (typeof body.id === "string" && body.id.length <= 100) eventId = body.id;
  } catch {
    // dead-lettered for not being JSON
  }
  const replay = replays[String(msg.seq)];
  const record = replay ? (JSON.parse(replay) as { at: string; by: string }) : null;
  const count = Number(msg.header?.get("x-delivery-count"));
  return {
    sequence: msg.seq,
    subject: msg.subject,
    ...parsed,
    eventId,
    reason: msg.header?.get("x-dead-letter-reason") || "no reason recorded",
    deliveryCount: Number.isFinite(count) && count > 0 ? count : null,
    at: msg.time.toISOString(),
    replayedAt: record?.at ?? null,
    replayedBy: record?.by ?? null,
  };
}

async function listDeadLetters(deps: AnyDeps): Promise<DeadLetterItem[]> {
  const replays = await deps.redis.hGetAll(replayedKey(deps.name)).catch(() => ({}) as Record<string, string>);
  const items: DeadLetterItem[] = [];
  let seq = 1;
  while (items.length < DEAD_LETTERS_LISTED) {
    const msg = await getDeadLetter(deps, seq, true);
    if (!msg) break;
    const item = itemOf(msg, replays);
    if (item) items.push(item);
    seq = msg.seq + 1;
  }
  return items;
}

export async function systemStatus(deps: AnyDeps): Promise<SystemStatus> {
  const state = states.get(deps);
  const domains = [...new Set(state?.handlers.map((h) => h.def.domain) ?? [])];
  const [database, nats, redis] = await Promise.all([
    check(() => deps.db.ping()),
    check(() => deps.bus.ping()),
    check(() => deps.redis.ping()),
  ]);
  const checks = { database, nats, redis };
  // Each reader answers on its own: a broker that is down leaves the rest of the page.
  const [outbox, consumers, total, items] = await Promise.all([
    outboxBacklog(deps.db).catch(() => ({ pending: -1, oldestAgeMs: null })),
    consumerLags(deps.bus, deps.name, domains).catch(() => []),
    deadLetterCount(deps.bus, deps.name).then(
      (c) => c.total,
      () => -1,
    ),
    listDeadLetters(deps).catch(() => []),
  ]);
  const mem = process.memoryUsage();
  return {
    service: deps.name,
    version: packageVersion(),
    gitSha: process.env.GIT_SHA || null,
    startedAt: new Date(state?.startedAt ?? Date.now()).toISOString(),
    ready: Object.values(checks).every((v) => v === "up"),
    checks,
    memory: { rssBytes: mem.rss, heapUsedBytes: mem.heapUsed, heapTotalBytes: mem.heapTotal },
    eventLoopDelayMs: eventLoopDelay(),
    outbox,
    consumers,
    deadLetters: { total, items },
    breakers: serviceCallsOf(deps.serviceToken).states(),
  };
}

export type ReplayResult =
  | { sequence: number; outcome: "replayed"; replayedAt: string }
  | { sequence: number; outcome: "already-replayed"; replayedAt: string };

/**
 * Re-runs dead letter `sequence` of this service through its handler. A letter already replayed
 * answers `already-replayed` and runs nothing; two replays at once run it once (a Redis lock);
 * a handler that fails again answers 503 with its reason and leaves the letter replayable.
 */
export async function replayDeadLetter(
  deps: AnyDeps,
  sequence: number,
  actor: { id: string; email: string },
): Promise<ReplayResult> {
  const key = replayedKey(deps.name);
  const previous = await deps.redis.hGet(key, String(sequence));
  if (previous) {
    return { sequence, outcome: "already-replayed", replayedAt: (JSON.parse(previous) as { at: string }).at };
  }
  const msg = await getDeadLetter(deps, sequence, false);
  if (!msg) throw notFound("sequence", `${deps.name} has no dead letter with sequence ${sequence}`);
  const parsed = parseDeadLetterSubject(msg.subject);
  const handler = states.get(deps)?.handlers.find((h) => h.def.type === parsed?.eventType);
  if (!parsed || !handler) {
    throw conflict(
      "sequence",
      `${deps.name} no longer handles ${parsed?.eventType ?? msg.subject}: nothing to replay it with`,
    );
  }
  let event: ReturnType<typeof parseEvent>;
  try {
    event = parseEvent(handler.def, JSON.parse(msg.string()));
  } catch (err) {
    const why = err instanceof EventSchemaError ? err.message : "its body is not JSON";
    throw conflict("sequence", `dead letter ${sequence} fails its event's schema (${why}): a replay would fail again`);
  }
  const lock = replayLockKey(deps.name, sequence);
  if ((await deps.redis.set(lock, actor.id, { NX: true, PX: 60_000 })) !== "OK") {
    throw conflict("sequence", `dead letter ${sequence} is being replayed right now`);
  }
  try {
    // Checked again under the lock: a replay that held it and finished between our first look and
    // taking the lock has already run the handler (seen under load: two "replayed" answers).
    const finished = await deps.redis.hGet(key, String(sequence));
    if (finished) {
      return { sequence, outcome: "already-replayed", replayedAt: (JSON.parse(finished) as { at: string }).at };
    }
    const headers: Record<string, string> = {};
    for (const k of ["x-request-id", "x-correlation-id", "traceparent"]) {
      const v = msg.header?.get(k);
      if (v) headers[k] = v;
    }
    const log = deps.log.child({
      eventType: event.type,
      eventId: event.id,
      deadLetter: sequence,
      replayedBy: actor.id,
    });
    try {
      await handler.handle(event, {
        deliveryCount: (Number(msg.header?.get("x-delivery-count")) || 0) + 1,
        headers,
        log,
        storedAt: msg.time.getTime(),
      });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      log.warn({ reason }, "dead letter replay failed");
      throw unavailable("sequence", `the replay of dead letter ${sequence} failed again: ${reason}`);
    }
    const replayedAt = new Date().toISOString();
    await deps.redis.hSet(key, String(sequence), JSON.stringify({ at: replayedAt, by: actor.email }));
    log.info("dead letter replayed");
    return { sequence, outcome: "replayed", replayedAt };
  } finally {
    await deps.redis.del(lock).catch(() => undefined);
  }
}

// ── The router ──────────────────────────────────────────────────────────────────────────────
const t = initServiceTRPC<AnyDeps>();

export const systemRouter = t.router({
  status: t.staffProcedure("settings.write").query(({ ctx }): Promise<SystemStatus> => systemStatus(ctx.deps)),
  replayDeadLetter: t
    .staffProcedure("settings.write")
    .input(z.object({ sequence: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) }))
    .mutation(({ ctx, input }) => {
      const user = ctx.user;
      if (!user) throw new Error("staffProcedure ran without a user");
      return replayDeadLetter(ctx.deps, input.sequence, { id: user.id, email: user.email });
    }),
});

/**
 * The service's router with `system` added under its name (`orders.system.status`), so the
 * gateway routes it like the service's own procedures and the permission table lists it.
 */
export function withSystemRouter(name: string, router: AnyRouter): AnyRouter {
  const record = router._def.record as Record<string, unknown>;
  const own = (record[name] ?? {}) as Record<string, unknown>;
  if (typeof own === "function") {
    // A procedure named like the service: its namespace would be that procedure (tRPC would then
    // recurse through the procedure's own fields). Say so at start-up instead.
    throw new Error(
      `${name}: a procedure is named like the service; the kit adds ${name}.system.* to a router of that name`,
    );
  }
  if ("system" in own) throw new Error(`${name} already has a system router; the kit adds it`);
  const ownRecord = (own as { _def?: { record?: Record<string, unknown> } })._def?.record ?? own;
  // biome-ignore lint/suspicious/noExplicitAny: a router record built at run time
  const merged = t.router({ ...record, [name]: { ...ownRecord, system: systemRouter } } as any);
  // The service's own configuration (its SSE limits, read when its builder was made) is kept.
  (merged._def as { _config: unknown })._config = router._def._config;
  return merged;
}
