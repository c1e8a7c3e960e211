import type { CartDeps } from "../deps.ts";
import { discountCodes } from "./schema.ts";

type NewCode = typeof discountCodes.$inferInsert;

const DEMO_CODES: Omit<NewCode, "createdAt" | "updatedAt">[] = [
  { code: "WELCOME10", kind: "percent", value: 10, minSubtotal: 0, oncePerCustomer: true },
  { code: "SAVE5", kind: "fixed", value: 500, currency: "EUR", minSubtotal: 3000 },
  // For everyone, guests included (once-per-customer codes need a signed-in customer).
  { code: "HELLO10", kind: "percent", value: 10, minSubtotal: 0 },
  { code: "FIRST50", kind: "percent", value: 50, usageLimit: 50, oncePerCustomer: true },
];

/** Demo discount codes for the dev shop. An existing code is left as it is, so every start may run this. */
export async function seedDemo(db: CartDeps["db"]): Promise<void> {
  const now = new Date();
  await db.write((tx) =>
    tx
      .insert(discountCodes)
      .values(DEMO_CODES.map((c) => ({ ...c, createdAt: now, updatedAt: now })))
      .onConflictDoNothing(),
  );
}
