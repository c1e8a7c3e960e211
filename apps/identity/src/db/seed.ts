import { DEMO_SELLERS } from "@mercato/access";
import { eq } from "drizzle-orm";
import { withUserId } from "../auth/demo-id.ts";
import { DEMO_USERS } from "../demo.ts";
import type { IdentityDeps } from "../deps.ts";
import { addresses, user } from "./schema.ts";

/**
 * Creates the demo accounts (and the shopper's address) unless they exist: safe on every start.
 * Accounts are made through better-auth, so passwords are hashed and `user.registered` goes out
 * like for any sign-up.
 */
export async function seedDemo(deps: Pick<IdentityDeps, "db" | "auth" | "log">): Promise<void> {
  const auth = await deps.auth.$context;
  for (const demo of DEMO_USERS) {
    let [existing] = await deps.db.orm
      .select({ id: user.id, role: user.role, emailVerified: user.emailVerified })
      .from(user)
      .where(eq(user.email, demo.email));
    if (!existing) {
      // A demo seller gets its stable id, which the catalog's demo seed names as a product's owner.
      const stableId = DEMO_SELLERS.find((s) => s.email === demo.email)?.id;
      const created = await withUserId(stableId, () =>
        deps.auth.api.signUpEmail({ body: { email: demo.email, password: demo.password, name: demo.name } }),
      );
      existing = { id: created.user.id, role: "customer", emailVerified: false };
      deps.log.info({ email: demo.email }, "demo user created");
    }
    const wanted = DEMO_SELLERS.find((s) => s.email === demo.email)?.id;
    if (wanted && existing.id !== wanted) {
      deps.log.warn(
        { email: demo.email, id: existing.id, wanted },
        "demo seller made before stable ids: owns no seeded product",
      );
    }
    // Verified, so the demo logins work with REQUIRE_EMAIL_VERIFICATION on too.
    if (existing.role !== demo.role || !existing.emailVerified) {
      await auth.internalAdapter.updateUser(existing.id, { role: demo.role, emailVerified: true });
    }
    if (demo.role === "customer") await seedAddress(deps, existing.id);
  }
}

async function seedAddress(deps: Pick<IdentityDeps, "db">, userId: string): Promise<void> {
  await deps.db.write(async (tx) => {
    const [any] = await tx.select({ id: addresses.id }).from(addresses).where(eq(addresses.userId, userId)).limit(1);
    if (any) return;
    const now = new Date();
    await tx.insert(addresses).values({
      id: Bun.randomUUIDv7(),
      userId,
      name: "Sam Shopper",
      line1: "Keizersgracht 123",
      city: "Amsterdam",
      postalCode: "1015 CJ",
      country: "NL",
      phone: "+31 20 123 4567",
      isDefaultShipping: true,
      isDefaultBilling: true,
      createdAt: now,
      updatedAt: now,
    });
  });
}
