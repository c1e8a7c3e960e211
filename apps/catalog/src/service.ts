import { fileURLToPath } from "node:url";
import { defineService } from "@mercato/kit";
import * as schema from "./db/schema.ts";
import { stockChangedHandler } from "./events/stock-changed.ts";
import { catalogRouter } from "./router/index.ts";

export const catalogService = defineService({
  name: "catalog",
  schema,
  migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
  router: catalogRouter,
  handlers: (deps) => [stockChangedHandler(deps)],
});
