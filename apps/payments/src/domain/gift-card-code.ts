/**
 * Gift card codes (#27): `GC-` and 26 characters of Crockford base32, grouped by four for reading
 * aloud. 130 random bits: a code cannot be guessed, so a SHA-256 of it is a safe lookup key and
 * the code itself is never stored. Shoppers may type it in any case, with or without dashes or
 * spaces, and with the letters Crockford reads as digits (O → 0, I/L → 1).
 */
import { createHash } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const PREFIX = "GC";
/** 26 base32 characters = 130 bits; the random bytes given must carry at least that many. */
export const CODE_CHARS = 26;
export const CODE_RANDOM_BYTES = 17;

/** The code shown to the buyer and emailed, from CODE_RANDOM_BYTES random bytes. */
export function formatCode(random: Uint8Array): string {
  if (random.length < CODE_RANDOM_BYTES) throw new Error(`a gift card code needs ${CODE_RANDOM_BYTES} random bytes`);
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of random) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < CODE_CHARS) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  const groups = out.match(/.{1,4}/g) ?? [];
  return [PREFIX, ...groups].join("-");
}

/** The code as typed, reduced to its canonical characters (no prefix, dashes, spaces; upper case). */
export function normalizeCode(typed: string): string {
  const compact = typed.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  return compact.startsWith(PREFIX) && compact.length === PREFIX.length + CODE_CHARS
    ? compact.slice(PREFIX.length)
    : compact;
}

/** The lookup key stored for a code. */
export function codeHash(typed: string): string {
  return createHash("sha256").update(normalizeCode(typed)).digest("hex");
}

/** What screens show of a code: its last four characters. */
export function codeLast4(code: string): string {
  return normalizeCode(code).slice(-4);
}
