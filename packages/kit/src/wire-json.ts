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
  const annotations: Record<string, [string]> = {};
  let annotated = false;
  /** The keys from the root to the value being walked; joined into a path only when one is marked. */
  const keys: (string | number)[] = [];
  const mark = (type: "Date" | "undefined") => {
    annotations[keys.map((k) => (typeof k === "number" ? String(k) : escapeKey(k))).join(".")] = [type];
    annotated = true;
  };

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
        return walkObject(v);
      }
      default:
        throw HANDOVER;
    }
  };
  const walkObject = (v: object): unknown => {
    if (Array.isArray(v)) {
      if (Object.getPrototypeOf(v) !== Array.prototype) throw HANDOVER;
      let out: unknown[] | null = null;
      for (let i = 0; i < v.length; i++) {
        if (!(i in v)) throw HANDOVER;
        const item: unknown = v[i];
        keys.push(i);
        const written = walk(item);
        keys.pop();
        if (out) out[i] = written;
        else if (written !== item) {
          out = v.slice();
          out[i] = written;
        }
      }
      return out ?? v;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) throw HANDOVER;
    let out: Record<string, unknown> | null = null;
    const record = v as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      keys.push(key);
      const written = walk(item);
      keys.pop();
      if (written !== item) {
        // Assigning `__proto__` would set the copy's prototype, not write the key.
        if (key === "__proto__") throw HANDOVER;
        out ??= { ...record };
        out[key] = written;
      }
    }
    return out ?? v;
  };

  let json: unknown;
  try {
    json = walk(value);
  } catch (e) {
    if (e === HANDOVER) return superjson.serialize(value);
    throw e;
  }
  return (annotated ? { json, meta: { values: annotations, v: 1 } } : { json }) as Serialized;
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
