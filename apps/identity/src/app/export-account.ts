/** The signed-in user's data export: one JSON document of everything Mercato holds about them. */
import { badGateway, notFound } from "@mercato/kit/errors";
import type { AccountExport } from "../contract.ts";
import { findUser } from "../db/queries.ts";
import type { IdentityDeps } from "../deps.ts";
import { listAddresses } from "./addresses.ts";
import { messagesFor, ordersFor } from "./export-sources.ts";
import { getPreferences } from "./preferences.ts";

type Deps = Pick<IdentityDeps, "db" | "env" | "serviceToken" | "log">;

export async function exportAccount(deps: Deps, userId: string): Promise<AccountExport> {
  const profile = await findUser(deps.db, userId);
  if (!profile) throw notFound("user", "your account no longer exists");
  const who = { userId, email: profile.email };
  const [addresses, preferences, orders, messages] = await Promise.all([
    listAddresses(deps, userId),
    getPreferences(deps, userId),
    ordersFor(deps, who).catch((err) => {
      deps.log.warn({ err: String(err) }, "orders did not answer the export");
      throw badGateway("orders", "your orders could not be read just now; try again");
    }),
    messagesFor(deps, who),
  ]);
  return { exportedAt: new Date(), profile, addresses, preferences, orders, messages };
}
