/**
 * The fast wire serializer writes what superjson writes for the values procedures return, and
 * hands anything else to superjson: on random values (objects, arrays, Dates, undefined, awkward
 * keys, and the values it must hand over), the output equals superjson.serialize's but for its
 * referentialEqualities (an object reached twice is written twice), and reads back through
 * superjson.deserialize to an equal value.
 */
import { expect, test } from "bun:test";
import fc from "fast-check";
import superjson from "superjson";
import { freezeDeep, serializeWire } from "../src/wire-json.ts";

const key = fc.oneof(fc.string(), fc.constantFrom("a.b", "x\\y", "..", "\\.", "0", "__proto__x", "json", "meta"));
const leaf = fc.oneof(
  fc.string(),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ noInvalidDate: false }),
  fc.bigInt(),
  fc.constant(Number.NaN),
  fc.constant(-0),
);
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: "small" }, leaf, tie("array"), tie("object"), tie("map")),
  array: fc.array(tie("any"), { maxLength: 5 }),
  object: fc.dictionary(key, tie("any"), { maxKeys: 5 }),
  map: fc.integer().map((n) => new Map([["k", new Set([n])]])),
})).any;

type Wire = ReturnType<typeof superjson.serialize>;

/** What a call returned, or the message it threw. */
function outcome<T>(call: () => T): { value: T } | { error: string } {
  try {
    return { value: call() };
  } catch (err) {
    return { error: String(err) };
  }
}
/** superjson's output without the identities it records for objects reached twice. */
function withoutIdentities(wire: Wire): Wire {
  if (!wire.meta) return wire;
  const { referentialEqualities: _identities, ...meta } = wire.meta;
  return meta.values === undefined ? { json: wire.json } : { json: wire.json, meta };
}

test("the same output as superjson, read back to an equal value", () => {
  fc.assert(
    fc.property(value, (v) => {
      const slow = outcome(() => superjson.serialize(v));
      if ("error" in slow) {
        // superjson refuses `__proto__`, `constructor` and `prototype` keys (fast-check generates
        // them): the fast walk hands over (the same refusal) when a Date or undefined sits under
        // one, and otherwise writes plain JSON, with no annotation under such a key, that
        // superjson's reader reads.
        const fast = outcome(() => serializeWire(v));
        if ("error" in fast) expect(fast.error).toBe(slow.error);
        else {
          expect(Object.keys(fast.value.meta?.values ?? {})).toEqual([]);
          expect(superjson.deserialize(fast.value)).toEqual(fast.value.json);
        }
        return;
      }
      const fast = serializeWire(v);
      // Its own walk: superjson's output without identities; a value handed over: superjson's own.
      expect([withoutIdentities(slow.value), slow.value]).toContainEqual(fast);
      expect(superjson.deserialize(fast)).toEqual(superjson.deserialize(slow.value));
    }),
    { numRuns: 2_000 },
  );
});

test("a listing-shaped answer: Dates and undefined annotated by path, no meta without them", () => {
  const item = { id: "p1", createdAt: new Date("2026-12-03T10:00:00.000Z"), tags: ["a"], note: undefined };
  expect(serializeWire({ items: [item], "total.n": 1 })).toEqual({
    json: { items: [{ id: "p1", createdAt: "2026-12-03T10:00:00.000Z", tags: ["a"], note: null }], "total.n": 1 },
    meta: { values: { "items.0.createdAt": ["Date"], "items.0.note": ["undefined"] }, v: 1 },
  });
  expect(serializeWire({ a: [1, "x", null] })).toEqual({ json: { a: [1, "x", null] } });
});

test("an object reached twice is written twice; a cycle goes to superjson", () => {
  const shared = { z: 1, at: new Date(0) };
  const twice = { a: shared, b: [shared] };
  const fast = serializeWire(twice);
  expect(fast).toEqual({
    json: { a: { z: 1, at: "1970-01-01T00:00:00.000Z" }, b: [{ z: 1, at: "1970-01-01T00:00:00.000Z" }] },
    meta: { values: { "a.at": ["Date"], "b.0.at": ["Date"] }, v: 1 },
  });
  expect(superjson.deserialize(fast)).toEqual(twice);
  const cycle: Record<string, unknown> = { name: "loop" };
  cycle.self = cycle;
  expect(serializeWire(cycle)).toEqual(superjson.serialize(cycle));
});

test("a value frozen all the way down is written once and reused: the same output, at any path, every time", () => {
  fc.assert(
    fc.property(value, (v) => {
      // Before freezing, the same value: walked afresh (nothing unfrozen is ever kept). A value
      // superjson refuses is refused the same way frozen.
      const expected = outcome(() => serializeWire(v));
      const inContainer = outcome(() => serializeWire({ a: v, b: [1, v] }));
      freezeDeep(v);
      expect(outcome(() => serializeWire(v))).toEqual(expected);
      // The second answer reads what the first kept; placed deeper, its marks move with it.
      expect(outcome(() => serializeWire(v))).toEqual(expected);
      expect(outcome(() => serializeWire({ a: v, b: [1, v] }))).toEqual(inContainer);
    }),
    { numRuns: 1_000 },
  );
});

test("an unfrozen object inside a frozen one is read afresh each time", () => {
  const inner = { n: 1 };
  const outer = Object.freeze({ inner, at: new Date(0) });
  expect(serializeWire(outer).json).toEqual({ inner: { n: 1 }, at: "1970-01-01T00:00:00.000Z" });
  inner.n = 2;
  expect(serializeWire(outer).json).toEqual({ inner: { n: 2 }, at: "1970-01-01T00:00:00.000Z" });
});

test("keys superjson refuses: plain values under them written as JSON, a Date under one refused as superjson does", () => {
  const plain = { constructor: "x", prototype: [1], nested: { __proto__x: 2 } };
  expect(serializeWire(plain)).toEqual({ json: plain });
  expect(() => superjson.serialize({ constructor: new Date(0) })).toThrow(/prototype pollution/);
  expect(() => serializeWire({ constructor: new Date(0) })).toThrow(/prototype pollution/);
  const card = freezeDeep({ at: new Date(0) });
  expect(serializeWire({ ok: card }).meta?.values).toEqual({ "ok.at": ["Date"] });
  // The kept card, placed under such a key: refused there too.
  expect(() => serializeWire({ prototype: card })).toThrow(/prototype pollution/);
});
