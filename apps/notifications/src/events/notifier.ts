import type { Tx } from "@mercato/db";
import type { EventDefinition, EventOf } from "@mercato/events";
import type { PlannedEmail } from "../db/queries.ts";
import type * as schema from "../db/schema.ts";
import type { NotificationsDeps } from "../deps.ts";

/** Which emails one event type causes, and to whom. May throw RecipientUnavailableError. */
export interface Notifier<E extends EventDefinition = EventDefinition> {
  def: E;
  plan(event: EventOf<E>, deps: NotificationsDeps): Promise<PlannedEmail[]>;
  /** What the event teaches besides emails (which account placed an order), in the same write. */
  record?(tx: Tx<typeof schema>, event: EventOf<E>): Promise<void>;
}

export function notifier<E extends EventDefinition>(
  def: E,
  plan: (event: EventOf<E>, deps: NotificationsDeps) => Promise<PlannedEmail[]>,
  record?: (tx: Tx<typeof schema>, event: EventOf<E>) => Promise<void>,
): Notifier {
  // Erased to the base definition so notifiers of different events fit in one list, as `on` does.
  return { def, plan: plan as Notifier["plan"], ...(record ? { record: record as Notifier["record"] } : {}) };
}
