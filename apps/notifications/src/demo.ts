import type { Database } from "@mercato/db";
import { insertMessages } from "./db/queries.ts";
import type * as schema from "./db/schema.ts";
import { renderEmail } from "./templates/render.tsx";
import type { EmailConfig } from "./templates/template.ts";
import { welcomeEmail } from "./templates/welcome.tsx";

/** A fixed event id: the unique index makes seeding a no-op on every later start. */
const DEMO_EVENT_ID = "demo:welcome";

/** One welcome email in the dev mailbox, so /dev/mailbox is not empty on a fresh machine. */
export async function seedDemo(db: Database<typeof schema>, config: EmailConfig): Promise<void> {
  const email = renderEmail(welcomeEmail, { name: "Demo Shopper" }, config);
  await db.write((tx) => insertMessages(tx, DEMO_EVENT_ID, [{ to: "shopper@mercato.dev", email }]));
}
