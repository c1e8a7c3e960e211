import type { EventHandler } from "@mercato/events";

/**
 * The bus takes one handler per event type; this joins the handlers of the same type into one that
 * runs them in turn (each is idempotent on its own inbox name, so a retry after a later one failed
 * redoes nothing the earlier ones recorded).
 */
export function combineHandlers(handlers: readonly EventHandler[]): EventHandler[] {
  const byType = new Map<string, EventHandler[]>();
  for (const h of handlers) byType.set(h.def.type, [...(byType.get(h.def.type) ?? []), h]);
  return [...byType.values()].map((group) => {
    const [first] = group;
    if (!first) throw new Error("combineHandlers: empty group");
    if (group.length === 1) return first;
    return {
      def: first.def,
      async handle(event, ctx) {
        for (const h of group) await h.handle(event, ctx);
      },
    };
  });
}
