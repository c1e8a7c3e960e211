/** The signed-in user's preferences: read, and saved with identity.user.preferences_changed.v1. */
import { createEvent, enqueue, UserPreferencesChanged } from "@mercato/events";
import { currentRequestId } from "@mercato/kit";
import { notFound } from "@mercato/kit/errors";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Preferences, savePreferencesInput } from "../contract.ts";
import { user, userPreferences } from "../db/schema.ts";
import type { IdentityDeps, IdentityTx } from "../deps.ts";
import { consentDate, defaultPreferences, fullChannels } from "../domain/preferences.ts";

type Deps = Pick<IdentityDeps, "db" | "relay">;
type Reader = IdentityDeps["db"]["orm"] | IdentityTx;

async function readPreferences(reader: Reader, userId: string): Promise<Preferences> {
  const [row] = await reader.select().from(userPreferences).where(eq(userPreferences.userId, userId)).limit(1);
  if (!row) return defaultPreferences();
  return {
    marketingConsent: row.marketingConsent,
    marketingConsentAt: row.marketingConsentAt,
    regionId: row.regionId,
    language: row.language,
    channels: fullChannels(row.channels, row.marketingConsent),
    updatedAt: row.updatedAt,
  };
}

export function getPreferences(deps: Pick<Deps, "db">, userId: string): Promise<Preferences> {
  return readPreferences(deps.db.orm, userId);
}

export async function savePreferences(
  deps: Deps,
  userId: string,
  input: z.output<typeof savePreferencesInput>,
): Promise<Preferences> {
  const now = new Date();
  const saved = await deps.db.write(async (tx) => {
    const [exists] = await tx.select({ id: user.id }).from(user).where(eq(user.id, userId)).limit(1);
    if (!exists) return null;
    const before = await readPreferences(tx, userId);
    const channels = fullChannels(input.channels, input.marketingConsent);
    const row = {
      userId,
      marketingConsent: input.marketingConsent,
      marketingConsentAt: consentDate(input.marketingConsent, before.marketingConsentAt, now),
      regionId: input.regionId,
      language: input.language,
      channels,
      updatedAt: now,
    };
    await tx.insert(userPreferences).values(row).onConflictDoUpdate({ target: userPreferences.userId, set: row });
    await enqueue(
      tx,
      createEvent(
        UserPreferencesChanged,
        {
          userId,
          marketingConsent: row.marketingConsent,
          marketingConsentAt: row.marketingConsentAt?.toISOString() ?? null,
          regionId: row.regionId,
          language: row.language,
          channels,
          updatedAt: now.toISOString(),
        },
        { key: userId, correlationId: currentRequestId() },
      ),
    );
    return true;
  });
  if (!saved) {
    throw notFound("user", "your account no longer exists");
  }
  deps.relay.kick();
  return getPreferences(deps, userId);
}
