import { conflict } from "@mercato/kit";
import type { RegionRules } from "@mercato/pricing";
import type { OrdersDeps } from "../deps.ts";
import { upstream } from "./upstream.ts";

/** How long payments' answer is reused: its provider is configuration and changes only on a restart. */
const PROVIDER_TTL_MS = 30_000;
const known = new WeakMap<OrdersDeps["clients"], { provider: Promise<string>; at: number }>();

/** The provider payments takes money with (`stripe` or `test`), asked at most every 30 s. */
export function paymentProviderOf(deps: Pick<OrdersDeps, "clients">): Promise<string> {
  const cached = known.get(deps.clients);
  if (cached && performance.now() - cached.at < PROVIDER_TTL_MS) return cached.provider;
  const provider = upstream("payments", deps.clients.payments.payments.mode.query()).then((m) => m.provider);
  known.set(deps.clients, { provider, at: performance.now() });
  // A failed ask is not kept: the next checkout asks again.
  provider.catch(() => known.delete(deps.clients));
  return provider;
}

/**
 * A region lists the payment providers it offers; checkout in a region that does not offer the
 * one payments runs is refused before anything is written, naming `paymentProvider`.
 */
export function assertProviderOffered(region: RegionRules, provider: string): void {
  if (!(region.paymentProviders as readonly string[]).includes(provider)) {
    throw conflict("paymentProvider", `${region.name} does not offer ${provider} payments; choose another region`);
  }
}
