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
  /** The objects being walked (the path from the root): one met again is a cycle. */
  const open = new Set<object>();
  const path: string[] = [];
  const mark = (type: "Date" | "undefined") => {
    annotations[path.join(".")] = [type];
    annotated = true;
  };

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
        if (open.has(v)) throw HANDOVER;
        open.add(v);
        const out = walkObject(v);
        open.delete(v);
        return out;
      }
      default:
        throw HANDOVER;
    }
  };
  const walkObject = (v: object): unknown => {
    if (Array.isArray(v)) {
      if (Object.getPrototypeOf(v) !== Array.prototype) throw HANDOVER;
      const out = new Array<unknown>(v.length);
      for (let i = 0; i < v.length; i++) {
        if (!(i in v)) throw HANDOVER;
        path.push(String(i));
        out[i] = walk(v[i]);
        path.pop();
      }
      return out;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) throw HANDOVER;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      path.push(escapeKey(key));
      out[key] = walk((v as Record<string, unknown>)[key]);
      path.pop();
    }
    return out;
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
