import { parsePhoneNumberFromString } from "libphonenumber-js";

/**
 * A phone number as typed (`+44 20 7946 0000`, `0044 20...`) in E.164 form (`+442079460000`), or
 * null when it is not a valid number. An international prefix is required: the account has no
 * country to read a local number against.
 */
export function toE164(raw: string): string | null {
  const trimmed = raw.trim().replace(/^00/, "+");
  if (!trimmed.startsWith("+")) return null;
  const parsed = parsePhoneNumberFromString(trimmed);
  return parsed?.isValid() ? parsed.number : null;
}
