import {
  AckPolicy,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from "@nats-io/jetstream";
import { connect, type NatsConnection, nanos, headers as natsHeaders } from "@nats-io/transport-node";
import type { Logger } from "pino";
import {
  createEvent,
  type Envelope,
  type EventDefinition,
  type EventMeta,
  type EventOf,
  EventSchemaError,
  parseEvent,
} from "./envelope.ts";
import { natsConnectOptions } from "./nats-auth.ts";
import {
  DEAD_LETTER_PREFIX,
  DEAD_LETTER_STREAM,
  DEDUPE_WINDOW_MS,
  DOMAINS,
  durableName,
  streamFor,
} from "./streams.ts";
import { consumerSpan, producerSpan } from "./tracing.ts";

export interface HandlerContext {
  /** How many times JetStream has delivered this message (1 on the first try). */
  deliveryCount: number;
  /** Trace headers that came with the message (x-request-id, x-correlation-id, traceparent). */
  headers: Record<string, string>;
  log: Logger;
  /** When JetStream stored the message (ms since the epoch): a consumer's lag is measured from it. */
  storedAt: number;
}

export interface EventHandler {
  def: EventDefinition;
  handle(event: Envelope, ctx: HandlerContext): Promise<void>;
}

/** Binds a typed handler to an event definition. */
export function on<E extends EventDefinition>(
  def: E,
  handle: (event: EventOf<E>, ctx: HandlerContext) => Promise<void>,
): EventHandler {
  return { def, handle: handle as EventHandler["handle"] };
}

export interface SubscribeOptions {
  /** Durable name of the consumer: one per service (and purpose). */
  consumer: string;
  handlers: EventHandler[];
  /** Attempts before a failing message goes to the dead-letter stream. */
  maxDeliver?: number;
  /** First retry delay; each later retry doubles it, capped at 30 s. */
  retryBaseMs?: number;
  /** Messages handled at once; events with the same key are always handled one after another. */
  concurrency?: number;
  /** How long to wait for a consumed stream its owner has not created yet (default 30 s). */
  streamWaitMs?: number;
}

/** A consumer waits this long for another domain's stream to be created by its owner. */
const STREAM_WAIT_MS = 30_000;

export interface Subscription {
  stop(): Promise<void>;
}

/**
 * Thrown by a handler that refuses an event for good (a forged or mismatched payment): retrying
 * cannot help, so the message goes to the dead-letter stream at once with this reason in
 * `x-dead-letter-reason`, and nothing else happens.
 */
export class PermanentEventError extends Error {
  override name = "PermanentEventError";
}

const TRACE_HEADERS = ["x-request-id", "x-correlation-id", "traceparent", "tracestate"] as const;
/** Carries the envelope's key so the consumer can order per key without parsing the body. */
export const EVENT_KEY_HEADER = "x-event-key";

export class EventBus {
  private readonly subscriptions = new Set<Subscription>();

  private constructor(
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    readonly jsm: JetStreamManager,
    private readonly log: Logger,
  ) {}

  /**
   * `streamReplicas`: how many JetStream nodes keep each stream (1 on a single server, 3 on a
   * three-node cluster so a stream survives losing a node).
   */
  static async connect(
    url: string,
    name: string,
    log: Logger,
    opts: { streamReplicas?: number } = {},
  ): Promise<EventBus> {
    // Credentials ride in the URL (`nats://orders:<password>@nats:4222`); see nats-auth.ts.
    const nc = await connect({ ...natsConnectOptions(url), name, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
    const jsm = await jetstreamManager(nc);
    const bus = new EventBus(nc, jetstream(nc), jsm, log.child({ component: "bus" }));
    // A service's NATS user may create only its own domain's stream (nats-auth.ts): connected as
    // a service's user (whatever the connection's name), create that one; as another user (the
    // harness's, an operator's) or on a server without users, create them all.
    const user = natsConnectOptions(url).user ?? name;
    const owned = DOMAINS.find((d) => d === user);
    await bus.ensureStreams(opts.streamReplicas ?? 1, owned ? [owned] : DOMAINS);
    return bus;
  }

  /** Creates (or keeps) the file-backed streams of these domains, and the dead-letter stream. */
  async ensureStreams(replicas = 1, domains: readonly string[] = DOMAINS): Promise<void> {
    const wanted = [
      ...domains.map((d) => ({ name: streamFor(d), subjects: [`${d}.>`] })),
      { name: DEAD_LETTER_STREAM, subjects: [`${DEAD_LETTER_PREFIX}.>`] },
    ];
    for (const s of wanted) {
      const config = {
        name: s.name,
        subjects: s.subjects,
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        duplicate_window: nanos(DEDUPE_WINDOW_MS),
        max_age: nanos(14 * 24 * 3600_000),
        num_replicas: replicas,
      };
      try {
        await this.jsm.streams.info(s.name);
      } catch {
        try {
          await this.jsm.streams.add(config);
        } catch (err) {
          // Another service may have created it at the same moment.
          await this.jsm.streams.info(s.name).catch(() => {
            throw err;
          });
        }
      }
    }
  }

  /** Publishes a serialized envelope; the event id is the dedupe key. */
  async publishRaw(subject: string, payload: string, msgId: string, trace: Record<string, string> = {}): Promise<void> {
    const h = natsHeaders();
    for (const [k, v] of Object.entries(trace)) h.set(k, v);
    await this.js.publish(subject, payload, { msgID: msgId, headers: h });
  }

  /** Publishes directly (no outbox). For state changes, use the outbox instead. */
  async publish<E extends EventDefinition>(
    def: E,
    data: Parameters<typeof createEvent<E>>[1],
    meta?: EventMeta,
    trace?: Record<string, string>,
  ): Promise<EventOf<E>> {
    const event = createEvent(def, data, meta);
    const headers = producerSpan("publish", event.type, event.id, headersFor(event, trace));
    await this.publishRaw(event.type, JSON.stringify(event), event.id, headers);
    return event;
  }

  /**
   * Waits until a stream exists: another domain's stream is created by its owner (a service's NATS
   * user may create only its own), which may be starting at the same moment.
   */
  private async waitForStream(stream: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await this.jsm.streams.info(stream);
        return;
      } catch (err) {
        if (!/stream not found/i.test(String(err))) throw err;
        if (Date.now() > deadline) {
          throw new Error(
            `stream ${stream} does not exist after ${timeoutMs} ms: the service that owns it has not created it yet`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  async subscribe(opts: SubscribeOptions): Promise<Subscription> {
    const byType = new Map(opts.handlers.map((h) => [h.def.type, h]));
    const domains = [...new Set(opts.handlers.map((h) => h.def.domain))];
    const maxDeliver = opts.maxDeliver ?? 5;
    const retryBaseMs = opts.retryBaseMs ?? 500;
    const concurrency = opts.concurrency ?? 1;
    const log = this.log.child({ consumer: opts.consumer });
    const loops: Promise<void>[] = [];
    const stops: (() => void)[] = [];

    for (const domain of domains) {
      const stream = streamFor(domain);
      const durable = durableName(opts.consumer, domain);
      // A consumer that handles one event type of a domain asks for that subject only: the server
      // then never sends it the domain's other types to be acked unread (about ten deliveries per
      // checkout across the services otherwise). Several types keep the domain's wildcard, so one key's
      // events of different types still arrive in order (nats-server 2.9 has no `filter_subjects`).
      const types = [...byType.keys()].filter((type) => byType.get(type)?.def.domain === domain);
      const config = {
        durable_name: durable,
        filter_subject: types.length === 1 ? types[0] : `${domain}.>`,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        // Short, so a message held by a process that died is redelivered within seconds (an
        // order in flight must not wait out its reservation); a live process keeps its messages
        // with `working()` heartbeats while they wait or run (see `whileHeld`).
        ack_wait: nanos(ACK_WAIT_MS),
        // One more than our own bound: we dead-letter on the last attempt ourselves.
        max_deliver: maxDeliver + 1,
        max_ack_pending: Math.max(100, concurrency * 4),
      };
      await this.waitForStream(stream, opts.streamWaitMs ?? STREAM_WAIT_MS);
      try {
        await this.jsm.consumers.add(stream, config);
      } catch {
        await this.jsm.consumers.update(stream, durable, config);
      }
      const consumer = await this.js.consumers.get(stream, durable);
      const messages = await consumer.consume({ max_messages: Math.max(10, concurrency * 2) });
      stops.push(() => messages.stop());

      const running = new Set<Promise<void>>();
      const tailByKey = new Map<string, Promise<void>>();
      loops.push(
        (async () => {
          for await (const msg of messages) {
            if (!byType.has(msg.subject)) {
              msg.ack(); // another consumer's business: no slot, no key, no heartbeat
              continue;
            }
            // Held from here, also while it waits for a free slot: the ack wait is short.
            const release = whileHeld(msg);
            while (running.size >= concurrency) await Promise.race(running);
            const key = keyOf(msg);
            const previous = (key && tailByKey.get(key)) || Promise.resolve();
            const task: Promise<void> = previous
              .then(() => this.deliver(msg, byType, { consumer: opts.consumer, maxDeliver, retryBaseMs, log }))
              .finally(() => {
                release();
                running.delete(task);
                if (key && tailByKey.get(key) === task) tailByKey.delete(key);
              });
            running.add(task);
            if (key) tailByKey.set(key, task);
          }
          await Promise.all(running);
        })(),
      );
    }

    const subscription: Subscription = {
      stop: async () => {
        for (const stop of stops) stop();
        await Promise.all(loops);
        this.subscriptions.delete(subscription);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  private async deliver(
    msg: JsMsg,
    byType: Map<string, EventHandler>,
    o: { consumer: string; maxDeliver: number; retryBaseMs: number; log: Logger },
  ): Promise<void> {
    const handler = byType.get(msg.subject);
    if (!handler) {
      msg.ack(); // another consumer's business (the loop acks these before they reach here)
      return;
    }
    const trace = traceOf(msg);
    const deliveryCount = msg.info.deliveryCount;
    const log = o.log.child({ eventType: msg.subject, requestId: trace["x-request-id"], deliveryCount });
    let event: Envelope;
    try {
      event = parseEvent(handler.def, JSON.parse(msg.string()));
    } catch (err) {
      const reason = err instanceof EventSchemaError ? err.message : `unreadable event: ${String(err)}`;
      log.error({ reason }, "event failed its schema; dead-lettered");
      await this.deadLetter(msg, o.consumer, reason);
      return;
    }
    try {
      // A CONSUMER span, child of the publishing span the message's traceparent names (tracing.ts).
      await consumerSpan(
        msg.subject,
        event.id,
        trace,
        { "messaging.consumer.group.name": o.consumer, "messaging.nats.delivery_count": deliveryCount },
        () =>
          handler.handle(event, {
            deliveryCount,
            headers: trace,
            log: log.child({ eventId: event.id }),
            storedAt: Math.floor(Number(msg.info.timestampNanos) / 1e6),
          }),
      );
      msg.ack();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (err instanceof PermanentEventError) {
        log.error({ eventId: event.id, reason }, "event refused by its handler; dead-lettered");
        await this.deadLetter(msg, o.consumer, reason);
      } else if (deliveryCount >= o.maxDeliver) {
        log.error({ eventId: event.id, reason }, "event handler kept failing; dead-lettered");
        await this.deadLetter(msg, o.consumer, reason);
      } else {
        const delay = Math.min(o.retryBaseMs * 2 ** (deliveryCount - 1), 30_000);
        log.warn({ eventId: event.id, reason, retryInMs: delay }, "event handler failed; will retry");
        msg.nak(delay);
      }
    }
  }

  private async deadLetter(msg: JsMsg, consumer: string, reason: string): Promise<void> {
    const h = natsHeaders();
    h.set("x-dead-letter-reason", reason.slice(0, 1000));
    h.set("x-original-subject", msg.subject);
    h.set("x-consumer", consumer);
    h.set("x-delivery-count", String(msg.info.deliveryCount));
    for (const [k, v] of Object.entries(traceOf(msg))) h.set(k, v);
    await this.js.publish(`${DEAD_LETTER_PREFIX}.${consumer}.${msg.subject}`, msg.data, {
      headers: h,
      msgID: `${consumer}:${msg.info.streamSequence}:${msg.info.stream}`,
    });
    // No reason on the term: nats-server 2.9 takes only a bare `+TERM` (the reason form is 2.10+)
    // and ignores `+TERM <reason>`, which left every dead letter ack-pending and redelivered until
    // max_deliver. The reason is in the dead letter's `x-dead-letter-reason` header.
    msg.term();
  }

  /** Answers when NATS answers (for `/ready`). */
  async ping(): Promise<void> {
    if (this.nc.isClosed()) throw new Error("NATS connection is closed");
    await this.nc.flush();
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    if (!this.nc.isClosed()) await this.nc.drain();
  }
}

/**
 * How long JetStream waits for an ack before it hands a message to another instance: the delay a
 * message held by a killed instance adds to its order (#26: 5 s, measured as a checkout in flight
 * at an orders kill reaching PAID 5–6 s late). A live process heartbeats every message it holds
 * every quarter of it, so only a dead process, or one stalled for the whole wait, lets it lapse;
 * a lapse on a stalled one is a second delivery, which the inbox makes a no-op.
 */
const ACK_WAIT_MS = 2_000;

/** Tells JetStream "still working on it" until released, so a held message is not redelivered. */
function whileHeld(msg: JsMsg): () => void {
  const timer = setInterval(() => msg.working(), ACK_WAIT_MS / 4);
  return () => clearInterval(timer);
}

function traceOf(msg: JsMsg): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of TRACE_HEADERS) {
    const v = msg.headers?.get(k);
    if (v) out[k] = v;
  }
  return out;
}

function keyOf(msg: JsMsg): string | undefined {
  return msg.headers?.get(EVENT_KEY_HEADER) || undefined;
}

/** The headers an event travels with: its trace context and its ordering key. */
export function headersFor(event: Envelope, trace: Record<string, string> = {}): Record<string, string> {
  return {
    ...trace,
    "x-correlation-id": event.correlationId,
    ...(event.key ? { [EVENT_KEY_HEADER]: event.key } : {}),
  };
}
