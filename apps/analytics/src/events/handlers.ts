import { type EventHandler, on } from "@mercato/events";
import { RECORDERS } from "../app/record.ts";
import { recordLive } from "../app/record-live.ts";
import type { AnalyticsDeps } from "../deps.ts";

/** One handler per consumed event type: each is recorded once (inbox), then today's tiles are woken. */
export function analyticsHandlers(deps: AnalyticsDeps): EventHandler[] {
  return RECORDERS.map((r) => on(r.def, (event, ctx) => recordLive(deps, event, ctx)));
}
