/**
 * Recently viewed products, kept in this browser only (localStorage): nothing is sent to or
 * stored by the server. The newest first, each product once, at most RECENT_MAX.
 */
export const RECENT_KEY = "mercato.recently-viewed.v1";
export const RECENT_MAX = 8;

export interface RecentProduct {
  slug: string;
  title: string;
  image: string | null;
}

const listeners = new Set<() => void>();
let cache: { raw: string | null; list: RecentProduct[] } = { raw: null, list: [] };

const isRecent = (x: unknown): x is RecentProduct =>
  typeof x === "object" &&
  x !== null &&
  typeof (x as RecentProduct).slug === "string" &&
  typeof (x as RecentProduct).title === "string" &&
  ((x as RecentProduct).image === null || typeof (x as RecentProduct).image === "string");

/** The stored list, ignoring anything malformed (another tab, an older version, a hand edit). */
export function parseRecent(raw: string | null): RecentProduct[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter(isRecent).slice(0, RECENT_MAX) : [];
  } catch {
    return [];
  }
}

/** The list with `product` moved (or added) to the front, bounded. */
export function withViewed(list: RecentProduct[], product: RecentProduct): RecentProduct[] {
  return [product, ...list.filter((p) => p.slug !== product.slug)].slice(0, RECENT_MAX);
}

function read(): string | null {
  try {
    return window.localStorage.getItem(RECENT_KEY);
  } catch {
    return null; // storage blocked (private mode, a policy): nothing remembered
  }
}

/** For useSyncExternalStore: the same array until the stored text changes. */
export function recentSnapshot(): RecentProduct[] {
  const raw = read();
  if (raw !== cache.raw) cache = { raw, list: parseRecent(raw) };
  return cache.list;
}

const EMPTY: RecentProduct[] = [];
export const recentServerSnapshot = (): RecentProduct[] => EMPTY;

export function subscribeRecent(onChange: () => void): () => void {
  listeners.add(onChange);
  const onStorage = (e: StorageEvent) => {
    if (e.key === RECENT_KEY) onChange();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("storage", onStorage);
  };
}

export function rememberViewed(product: RecentProduct): void {
  try {
    window.localStorage.setItem(RECENT_KEY, JSON.stringify(withViewed(recentSnapshot(), product)));
  } catch {
    return;
  }
  for (const l of listeners) l();
}
