import type { Routers } from "@mercato/client";
import type { ServiceName } from "@mercato/registry";
import type { TRPCClient } from "@trpc/client";

/** The typed tRPC client of one service. */
export type ServiceClient<N extends ServiceName> = TRPCClient<Routers[N]>;
