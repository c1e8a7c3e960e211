/** The signed-in user's preferences: read, and saved with identity.user.preferences_changed.v1. */
import { createEvent, enqueue, UserPreferencesChanged } from "@mercato/events";
import { currentRequestId } from "@mercato/kit";
import { notFound } from "@mercato/kit/errors";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { E164_PATTERN, type Preferences, type savePreferencesInput } from "../contract.ts";
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

/**
 * Publishes the user's whole preferences with their phone number (for SMS, #22) in `tx`: after a
 * save, and after the phone changed on the profile (notifications keeps the latest by updatedAt).
 */
async function enqueuePreferencesChanged(tx: IdentityTx, userId: string, now: Date): Promise<void> {
  const prefs = await readPreferences(tx, userId);
  const [who] = await tx.select({ phone: user.phone }).from(user).where(eq(user.id, userId)).limit(1);
  await enqueue(
    tx,
    createEvent(
      UserPreferencesChanged,
      {
        userId,
        marketingConsent: prefs.marketingConsent,
        marketingConsentAt: prefs.marketingConsentAt?.toISOString() ?? null,
        regionId: prefs.regionId,
        language: prefs.language,
        channels: prefs.channels,
        phone: who?.phone && E164_PATTERN.test(who.phone) ? who.phone : null,
        updatedAt: now.toISOString(),
      },
      { key: userId, correlationId: currentRequestId() },
    ),
  );
}

/** The phone number changed (profile): notifications learns it with the preferences. */
export async function publishPhoneChange(deps: Deps, userId: string): Promise<void> {
  await deps.db.write((tx) => enqueuePreferencesChanged(tx, userId, new Date()));
  deps.relay.kick();
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
    await enqueuePreferencesChanged(tx, userId, now);
    return true;
  });
  if (!saved) {
    throw notFound("user", "your account no longer exists");
  }
  deps.relay.kick();
  return getPreferences(deps, userId);
}
