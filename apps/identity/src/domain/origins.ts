/**
 * Which page addresses (origins) identity accepts sign-ins from. better-auth refuses a browser's
 * POST whose Origin is not trusted (its CSRF defence); the list is built here from configuration.
 *
 * In production it is exactly what is configured. In development and tests a loopback address is
 * trusted under both of its names, `localhost` and `127.0.0.1` (same port): people type either,
 * and the browser sends the one they typed.
 */

/** The origin (`scheme://host[:port]`) of an http(s) URL, or null for anything else. */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  return parsed.origin;
}

/**
 * A comma-separated list of origins (`https://shop.example,https://www.shop.example`): the
 * origins, or the first entry that is not one (an origin has no path, query or fragment).
 */
export function parseOriginList(raw: string): { origins: string[] } | { bad: string } {
  const origins: string[] = [];
  for (const entry of raw.split(",").map((s) => s.trim())) {
    if (entry === "") continue;
    const origin = originOf(entry);
    // `https://shop.example/` is that origin too; a path or a query is a mistake worth naming.
    if (!origin || (entry !== origin && entry !== `${origin}/`)) return { bad: entry };
    origins.push(origin);
  }
  return { origins };
}

const LOOPBACK_NAMES = ["localhost", "127.0.0.1"];

/** The same address under each loopback name, when it is one; else just itself. */
function loopbackTwins(origin: string): string[] {
  const url = new URL(origin);
  if (!LOOPBACK_NAMES.includes(url.hostname)) return [origin];
  return LOOPBACK_NAMES.map((host) => {
    const twin = new URL(origin);
    twin.hostname = host;
    return twin.origin;
  });
}

export function trustedOrigins(opts: {
  /** The configured URLs whose origins are trusted (the storefront's, the gateway's, identity's own). */
  urls: string[];
  /** TRUSTED_ORIGINS, parsed. */
  extra: string[];
  development: boolean;
}): string[] {
  const configured = [...opts.urls.map(originOf).filter((o): o is string => o !== null), ...opts.extra];
  const all = opts.development ? configured.flatMap(loopbackTwins) : configured;
  return [...new Set(all)];
}
