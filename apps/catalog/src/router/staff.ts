import type { Permission } from "@mercato/access";
import { setPrivate } from "../http/cache-headers.ts";
import { staffProcedure } from "../trpc.ts";

/** Staff holding `permission`; every admin answer depends on who asks: never stored by a shared cache. */
export const admin = (permission: Permission) =>
  staffProcedure(permission).use(({ ctx, next }) => {
    setPrivate(ctx.resHeaders);
    return next();
  });
