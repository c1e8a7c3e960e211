import { z } from "zod";

/** One event type: a versioned name and the zod schema of its data. */
export interface EventDefinition<T extends string = string, S extends z.ZodType = z.ZodType> {
  /** The versioned name, which is also the NATS subject: `orders.placed.v1`. */
  readonly type: T;
  /** The domain (first segment), which names the JetStream stream. */
  readonly domain: string;
  readonly data: S;
}

export function defineEvent<const N extends string, const V extends number, S extends z.ZodType>(
  name: N,
  version: V,
  data: S,
): EventDefinition<`${N}.v${V}`, S> {
  const domain = name.split(".")[0];
  if (!domain || name.split(".").length < 2) throw new Error(`event name "${name}" must be <domain>.<event>`);
  return { type: `${name}.v${version}`, domain, data };
}

export const envelopeSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  occurredAt: z.string().datetime(),
  correlationId: z.string().min(1),
  causationId: z.string().optional(),
  /** The aggregate the event is about (order id, SKU...): handlers serialize per key. */
  key: z.string().optional(),
  data: z.unknown(),
});

export interface Envelope<T extends string = string, D = unknown> {
  id: string;
  type: T;
  occurredAt: string;
  correlationId: string;
  causationId?: string;
  key?: string;
  data: D;
}

export type EventOf<E extends EventDefinition> = Envelope<E["type"], z.output<E["data"]>>;

export interface EventMeta {
  correlationId?: string;
  causationId?: string;
  key?: string;
}

/** Thrown when an event's data does not match its schema; the message names the field. */
export class EventSchemaError extends Error {
  constructor(
    readonly eventType: string,
    readonly issues: z.core.$ZodIssue[],
  ) {
    super(`event ${eventType} is invalid: ${describeIssues(issues)}`);
    this.name = "EventSchemaError";
  }
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`).join("; ");
}

/** Builds a validated envelope. Publishing an invalid event is an error, never silent. */
export function createEvent<E extends EventDefinition>(
  def: E,
  data: z.input<E["data"]>,
  meta: EventMeta = {},
): EventOf<E> {
  const parsed = def.data.safeParse(data);
  if (!parsed.success) throw new EventSchemaError(def.type, parsed.error.issues);
  const id = Bun.randomUUIDv7();
  return {
    id,
    type: def.type,
    occurredAt: new Date().toISOString(),
    correlationId: meta.correlationId ?? id,
    ...(meta.causationId ? { causationId: meta.causationId } : {}),
    ...(meta.key ? { key: meta.key } : {}),
    data: parsed.data as z.output<E["data"]>,
  };
}

/** Validates a received envelope against its definition; throws EventSchemaError naming the field. */
export function parseEvent<E extends EventDefinition>(def: E, raw: unknown): EventOf<E> {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) throw new EventSchemaError(def.type, envelope.error.issues);
  const data = def.data.safeParse(envelope.data.data);
  if (!data.success) {
    throw new EventSchemaError(
      def.type,
      data.error.issues.map((i) => ({ ...i, path: ["data", ...i.path] })),
    );
  }
  return { ...envelope.data, type: def.type, data: data.data } as EventOf<E>;
}
