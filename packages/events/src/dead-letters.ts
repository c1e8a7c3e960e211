import { AckPolicy, DeliverPolicy, type JsMsg } from "@nats-io/jetstream";
import { nanos } from "@nats-io/transport-node";
import type { EventBus, Subscription } from "./bus.ts";
import { DEAD_LETTER_PREFIX, DEAD_LETTER_STREAM, durableName } from "./streams.ts";

/** One dead letter as a reader sees it (the bus writes them in `deadLetter`, bus.ts). */
export interface DeadLetterMessage {
  /** The consumer that gave up (`deadletter.<consumer>.<type>`). */
  consumer: string;
  /** The event type it gave up on. */
  eventType: string;
  /** The original event's id, when its body was readable JSON with one. */
  eventId: string | null;
  /** `x-dead-letter-reason`. */
  reason: string;
  /** The dead-letter stream's sequence. */
  sequence: number;
}

/** `deadletter.orders.payments.succeeded.v1` → consumer `orders`, type `payments.succeeded.v1`. */
export function parseDeadLetterSubject(subject: string): { consumer: string; eventType: string } | null {
  const m = /^deadletter\.([^.]+)\.(.+)$/.exec(subject);
  return m?.[1] && m[2] ? { consumer: m[1], eventType: m[2] } : null;
}

export function readDeadLetter(msg: Pick<JsMsg, "subject" | "headers" | "seq" | "string">): DeadLetterMessage | null {
  const parsed = parseDeadLetterSubject(msg.subject);
  if (!parsed) return null;
  let eventId: string | null = null;
  try {
    const body = JSON.parse(msg.string()) as { id?: unknown };
    if (typeof body.id === "string" && body.id.length <= 100) eventId = body.id;
  } catch {
    // A body that is not JSON was dead-lettered for failing its schema: no id to name.
  }
  return {
    ...parsed,
    eventId,
    reason: msg.headers?.get("x-dead-letter-reason") || "no reason recorded",
    sequence: msg.seq,
  };
}

/**
 * Reads the DEADLETTER stream with the service's own durable `<service>-deadletter` (the registry
 * lists `deadletter` in its `consumes`, so its NATS user may create that durable and nothing else
 * there), handing each dead letter to `handle`. Explicit acks: a `handle` that throws gets the
 * message again a second later; it should be idempotent (a dead letter may come twice).
 */
export async function consumeDeadLetters(
  bus: EventBus,
  service: string,
  handle: (letter: DeadLetterMessage) => Promise<void>,
  onError: (err: unknown, subject: string) => void = () => {},
): Promise<Subscription> {
  const durable = durableName(service, "deadletter");
  const config = {
    durable_name: durable,
    filter_subject: `${DEAD_LETTER_PREFIX}.>`,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(30_000),
  };
  try {
    await bus.jsm.consumers.add(DEAD_LETTER_STREAM, config);
  } catch {
    await bus.jsm.consumers.update(DEAD_LETTER_STREAM, durable, config);
  }
  const consumer = await bus.js.consumers.get(DEAD_LETTER_STREAM, durable);
  const messages = await consumer.consume({ max_messages: 20 });
  const loop = (async () => {
    for await (const msg of messages) {
      const letter = readDeadLetter(msg);
      if (!letter) {
        msg.ack();
        continue;
      }
      try {
        await handle(letter);
        msg.ack();
      } catch (err) {
        onError(err, msg.subject);
        msg.nak(1000);
      }
    }
  })();
  return {
    stop: async () => {
      messages.stop();
      await loop;
    },
  };
}
