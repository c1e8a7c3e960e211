import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { ReadDb } from "../read/db.ts";
import type { FacetCache } from "../read/facets.ts";

export interface EdgeContext {
  db: ReadDb;
  facetCache: FacetCache;
  resHeaders: Headers;
}

/**
 * The edge worker's tRPC: the same transformer and the same error shape for bad input as the
 * service's kit (`Invalid input: <field>: <problem>`), without the kit's server-only parts.
 */
const t = initTRPC.context<EdgeContext>().create({
  transformer: superjson,
  isDev: false,
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof ZodError ? error.cause : null;
    const message = zod
      ? `Invalid input: ${zod.issues.map((i) => `${i.path.length ? i.path.join(".") : "input"}: ${i.message}`).join("; ")}`
      : error.code === "INTERNAL_SERVER_ERROR"
        ? "Internal server error"
        : shape.message;
    return {
      ...shape,
      message,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path },
    };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;
