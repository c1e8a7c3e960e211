import {
  DEFAULT_CHANNELS,
  NOTIFICATION_KINDS,
  type NotificationChannel,
  type NotificationKind,
  type Preferences,
} from "../contract.ts";

/** Every kind with its channels: what was chosen, else the default (email). Marketing is opt-in. */
export function fullChannels(
  chosen: Partial<Record<string, readonly string[]>>,
  consent: boolean,
): Record<NotificationKind, NotificationChannel[]> {
  const out = {} as Record<NotificationKind, NotificationChannel[]>;
  for (const kind of NOTIFICATION_KINDS) {
    const picked = chosen[kind];
    const channels = (picked ? [...new Set(picked)] : [...DEFAULT_CHANNELS]) as NotificationChannel[];
    // Marketing goes nowhere without consent, whatever channels were ticked; consent given with
    // no channel ticked means the default channel (consent to nothing would be no consent).
    if (kind === "marketing") out[kind] = !consent ? [] : channels.length > 0 ? channels : [...DEFAULT_CHANNELS];
    else out[kind] = channels;
  }
  return out;
}

/** The preferences of a user who never saved any. */
export function defaultPreferences(): Preferences {
  return {
    marketingConsent: false,
    marketingConsentAt: null,
    regionId: null,
    language: null,
    channels: fullChannels({}, false),
    updatedAt: null,
  };
}

/** When consent counts from: kept while it stays given, now when newly given, null when withdrawn. */
export function consentDate(consent: boolean, before: Date | null, now: Date): Date | null {
  if (!consent) return null;
  return before ?? now;
}
