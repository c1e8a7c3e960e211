import type { EventDefinition, EventOf } from "@mercato/events";
import type { PlannedEmail } from "../db/queries.ts";
import type { NotificationsDeps } from "../deps.ts";

/** Which emails one event type causes, and to whom. May throw RecipientUnavailableError. */
export interface Notifier<E extends EventDefinition = EventDefinition> {
  def: E;
  plan(event: EventOf<E>, deps: NotificationsDeps): Promise<PlannedEmail[]>;
}

export function notifier<E extends EventDefinition>(
  def: E,
  plan: (event: EventOf<E>, deps: NotificationsDeps) => Promise<PlannedEmail[]>,
): Notifier {
  // Erased to the base definition so notifiers of different events fit in one list, as `on` does.
  return { def, plan: plan as Notifier["plan"] };
}
