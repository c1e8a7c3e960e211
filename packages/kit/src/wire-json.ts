import superjson from "superjson";

type Serialized = ReturnType<typeof superjson.serialize>;

/** Thrown inside the walk when a value needs superjson's own walker. */
const HANDOVER = Symbol("handover");

/**
 * superjson's wire format, written faster for the values our procedures return (#25, #26): plain
 * objects, arrays, strings, booleans, finite numbers, null, `undefined` and Dates. Profiles of the
 * catalog's listing put superjson's generic walker (its type registry consulted for every node)
 * at a fifth of the service's CPU per request, more than the listing itself. This walk produces
 * the same `{ json, meta }` superjson does for those values, so every client (services, the web,
 * superjson.deserialize) reads it unchanged; anything else (a Map, a Set, a BigInt, a class
 * instance, NaN, -0, an array hole, a cycle) is handed to superjson itself. One difference: an
 * object reached twice (one shared empty rating summary on every item of a page) is written
 * twice, without superjson's `referentialEqualities`, so it reads back as equal copies rather
 * than one object: no answer here depends on identity across the wire. wire-json.test.ts
 * compares both on random values.
 */
export function serializeWire(value: unknown): Serialized {
  if (value === undefined || value instanceof Date) return superjson.serialize(value);
  /** The keys from the root to the value being walked. */
  const keys: (string | number)[] = [];
  /** Every Date or `undefined` met, by its path from the root. */
  const marks: Mark[] = [];
  const pathHere = () => keys.map((k) => (typeof k === "number" ? String(k) : escapeKey(k))).join(".");
  // superjson refuses these keys (prototype pollution) and its reader throws on a path through one:
  // a Date or `undefined` under one is handed over, to be refused there as it always was. A plain
  // value under one is written as JSON, whose parser makes it an own property.
  const underRefusedKey = () => keys.some((k) => k === "__proto__" || k === "constructor" || k === "prototype");
  const mark = (type: Mark["type"]) => {
    if (underRefusedKey()) throw HANDOVER;
    marks.push({ path: pathHere(), type });
  };
  /**
   * Whether the value just walked was frozen all the way down: set true before each value, left so
   * by primitives, Dates and kept objects, set by walkObject for each object it walks.
   */
  let frozen = false;

  // Returns the value as JSON holds it: the same object when nothing inside it needs writing
  // otherwise (most of a page), a copy only along the paths to a Date or an `undefined`.
  const walk = (v: unknown): unknown => {
    switch (typeof v) {
      case "string":
      case "boolean":
        return v;
      case "number":
        if (!Number.isFinite(v) || Object.is(v, -0)) throw HANDOVER;
        return v;
      case "undefined":
        mark("undefined");
        return null;
      case "object": {
        if (v === null) return null;
        if (v instanceof Date) {
          if (Number.isNaN(v.getTime())) throw HANDOVER;
          mark("Date");
          return v.toISOString();
        }
        // Deeper than any answer of ours: a cycle (superjson handles those).
        if (keys.length > MAX_DEPTH) throw HANDOVER;
        const known = written.get(v);
        if (known) {
          if (known.marks.length > 0 && underRefusedKey()) throw HANDOVER;
          const prefix = pathHere();
          for (const m of known.marks) marks.push({ path: prefix ? `${prefix}.${m.path}` : m.path, type: m.type });
          frozen = true;
          return known.json;
        }
        const from = marks.length;
        const out = walkObject(v);
        // A frozen object whose every object inside is frozen too (a cached listing card, see
        // `freezeDeep`) is written once: its JSON form and marks are kept for its next answer.
        if (frozen) {
          const cut = from === marks.length ? 0 : pathHere().length;
          const inside = marks.slice(from).map((m) => ({ path: cut ? m.path.slice(cut + 1) : m.path, type: m.type }));
          written.set(v, { json: out, marks: inside });
        }
        return out;
      }
      default:
        throw HANDOVER;
    }
  };
  /** Walks an object's values; leaves `frozen` true only if it and everything in it is frozen. */
  const walkObject = (v: object): unknown => {
    let allFrozen = Object.isFrozen(v);
    if (Array.isArray(v)) {
      if (Object.getPrototypeOf(v) !== Array.prototype) throw HANDOVER;
      let out: unknown[] | null = null;
      for (let i = 0; i < v.length; i++) {
        if (!(i in v)) throw HANDOVER;
        const item: unknown = v[i];
        keys.push(i);
        frozen = true;
        const written = walk(item);
        if (!frozen) allFrozen = false;
        keys.pop();
        if (out) out[i] = written;
        else if (written !== item) {
          out = v.slice();
          out[i] = written;
        }
      }
      frozen = allFrozen;
      return out ?? v;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) throw HANDOVER;
    let out: Record<string, unknown> | null = null;
    const record = v as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      keys.push(key);
      frozen = true;
      const written = walk(item);
      if (!frozen) allFrozen = false;
      keys.pop();
      // (A changed value was marked, so it is never under `__proto__`, where assigning would set
      // the copy's prototype instead of writing the key.)
      if (written !== item) {
        out ??= { ...record };
        out[key] = written;
      }
    }
    frozen = allFrozen;
    return out ?? v;
  };

  let json: unknown;
  try {
    json = walk(value);
  } catch (e) {
    if (e === HANDOVER) return superjson.serialize(value);
    throw e;
  }
  if (marks.length === 0) return { json } as Serialized;
  const values: Record<string, [string]> = {};
  for (const m of marks) values[m.path] = [m.type];
  return { json, meta: { values, v: 1 } } as Serialized;
}

interface Mark {
  /** superjson's path: keys escaped and joined by dots (relative to the object, in `written`). */
  path: string;
  type: "Date" | "undefined";
}

/**
 * The JSON form of objects frozen all the way down, with their marks relative to themselves: such
 * an object cannot change, so its next answer reuses them (weakly held: gone with the object).
 * A Date inside is taken as never set again (freezing does not stop `setTime`; nothing here calls it).
 */
const written = new WeakMap<object, { json: unknown; marks: Mark[] }>();

/** Freezes a plain value all the way down (Dates too), so `serializeWire` writes it once. */
export function freezeDeep<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    if (!(value instanceof Date)) for (const inner of Object.values(value)) freezeDeep(inner);
  }
  return value;
}

/** Nesting deeper than this is taken for a cycle and handed to superjson. */
const MAX_DEPTH = 1_000;

/** A path segment as superjson writes it: backslashes and dots escaped. */
function escapeKey(key: string): string {
  if (!key.includes(".") && !key.includes("\\")) return key;
  return key.replace(/\\/g, "\\\\").replace(/\./g, "\\.");
}

/** The transformer of every tRPC server and client here: this serializer, superjson's reader. */
export const wireTransformer = {
  serialize: serializeWire,
  deserialize: <T>(payload: Serialized): T => superjson.deserialize<T>(payload),
};
