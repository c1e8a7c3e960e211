import type { Routers } from "@mercato/client";
import { SERVICE_NAMES } from "@mercato/registry";
import type { TRPCClient } from "@trpc/client";

/**
 * A service's name as a literal type, for suites that index their services by name
 * (`p.services.catalog`): the typed client has one namespace per registry service, and the
 * registry's own `ServiceName` is a plain string.
 */
export type ServiceId = keyof Routers;

/** The registry's services, in start order, typed as {@link ServiceId}. */
export const SERVICE_IDS = SERVICE_NAMES as readonly ServiceId[];

/** The typed tRPC client of one service. */
export type ServiceClient<N extends ServiceId> = TRPCClient<Routers[N]>;
