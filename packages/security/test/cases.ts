import fc from "fast-check";
import superjson from "superjson";
import type { z } from "zod";

/**
 * Inputs for the fuzz: a best-effort valid sample of a procedure's zod input, then variations of
 * it — wrong types, missing fields, out-of-range and non-integer numbers, unknown enum values,
 * huge, nested and unicode values — plus fast-check's arbitrary values.
 */

export interface FuzzCase {
  label: string;
  input: unknown;
}

interface Def {
  type: string;
  [key: string]: unknown;
}
interface Check {
  _zod: { def: { check: string; [key: string]: unknown } };
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def): Check["_zod"]["def"][] =>
  ((def.checks as Check[] | undefined) ?? []).map((c) => c._zod.def);

export const HUGE_STRING = "x".repeat(100 * 1024);
/** Right-to-left text, emoji with a joiner, combining marks, a NUL and a lone surrogate. */
export const UNICODE = "مرحبا\u202Eabc👩‍💻\u0000é\u0301\uD800";
/** Characters that mean something to SQL, LIKE, FTS5, paths and HTML. */
const METACHARACTERS = `' or 1=1 -- "%_\\*^(NEAR ../../etc <b>`;

function deeplyNested(depth: number): unknown {
  let value: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) value = { nested: value };
  return value;
}

/** How sample strings are filled: plain, or with text that is valid but unusual. */
type Flavour = "plain" | "unicode" | "longest" | "metacharacters";

interface StringRules {
  min: number;
  max: number | undefined;
  format: string | undefined;
  pattern: RegExp | undefined;
}

function stringRules(def: Def): StringRules {
  const rules: StringRules = {
    min: 0,
    max: undefined,
    format: def.format as string | undefined,
    pattern: def.pattern as RegExp | undefined,
  };
  for (const c of checksOf(def)) {
    if (c.check === "min_length") rules.min = Math.max(rules.min, Number(c.minimum));
    if (c.check === "max_length") rules.max = Math.min(rules.max ?? Number.POSITIVE_INFINITY, Number(c.maximum));
    if (c.check === "length_equals") {
      rules.min = Number(c.length);
      rules.max = Number(c.length);
    }
    if (c.check === "string_format") {
      rules.format = c.format as string;
      if (c.pattern instanceof RegExp) rules.pattern = c.pattern;
    }
  }
  return rules;
}

const FORMAT_SAMPLES: Record<string, string> = {
  email: "someone@example.com",
  url: "https://example.com/x",
  uuid: "0190a0b1-2c3d-7e4f-8a9b-0c1d2e3f4a5b",
  datetime: "2026-01-02T03:04:05Z",
  date: "2026-01-02",
};
/** Tried in order against a regex rule we cannot invert. */
const PATTERN_CANDIDATES = ["SAVE10", "abc-123", "+44 20 7946 0000", "12345", "1", "DE", "EUR", "a"];

function fitLength(text: string, rules: StringRules): string {
  let s = text;
  while (s.length < rules.min) s += "x";
  return rules.max === undefined ? s : s.slice(0, rules.max);
}

function sampleString(def: Def, flavour: Flavour): string {
  const rules = stringRules(def);
  const formatted = rules.format ? FORMAT_SAMPLES[rules.format] : undefined;
  if (formatted) return formatted;
  if (rules.pattern) {
    const re = rules.pattern;
    return PATTERN_CANDIDATES.find((c) => re.test(c)) ?? fitLength("a", rules);
  }
  if (flavour === "unicode") return fitLength(UNICODE, rules);
  if (flavour === "metacharacters") return fitLength(METACHARACTERS, rules);
  if (flavour === "longest") return fitLength("w".repeat(rules.max ?? 1_000), rules);
  return fitLength("sample", rules);
}

interface NumberRules {
  min: number | undefined;
  max: number | undefined;
  int: boolean;
}

function numberRules(def: Def): NumberRules {
  const rules: NumberRules = { min: undefined, max: undefined, int: typeof def.format === "string" };
  for (const c of checksOf(def)) {
    const value = Number(c.value);
    if (c.check === "greater_than") rules.min = c.inclusive ? value : value + 1;
    if (c.check === "less_than") rules.max = c.inclusive ? value : value - 1;
    if (c.check === "number_format") rules.int = true;
  }
  return rules;
}

function sampleNumber(def: Def, flavour: Flavour): number {
  const { min, max } = numberRules(def);
  if (flavour === "longest" && max !== undefined) return max;
  if (flavour === "unicode" && min !== undefined) return min;
  const base = min ?? 1;
  return max !== undefined && base > max ? max : Math.max(base, Math.min(1, max ?? 1));
}

/** A value shaped like the schema (valid when we can read its rules; close to valid otherwise). */
export function sample(schema: unknown, flavour: Flavour = "plain", depth = 0): unknown {
  const def = defOf(schema);
  if (depth > 20) return undefined;
  const next = (s: unknown) => sample(s, flavour, depth + 1);
  switch (def.type) {
    case "object": {
      const shape = def.shape as Record<string, unknown>;
      return Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, next(s)]));
    }
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return next(def.innerType);
    case "pipe":
      return next(def.in);
    case "lazy":
      return next((def.getter as () => unknown)());
    case "string":
      return sampleString(def, flavour);
    case "number":
      return sampleNumber(def, flavour);
    case "boolean":
      return true;
    case "bigint":
      return 1n;
    case "date":
      return new Date("2026-01-02T03:04:05Z");
    case "enum":
      return Object.values(def.entries as Record<string, unknown>)[0];
    case "literal":
      return (def.values as unknown[])[0];
    case "null":
      return null;
    case "array": {
      const min = checksOf(def).find((c) => c.check === "min_length");
      const n = Math.max(1, Number(min?.minimum ?? 1));
      return Array.from({ length: n }, () => next(def.element));
    }
    case "tuple":
      return (def.items as unknown[]).map(next);
    case "record":
      return { [String(next(def.keyType))]: next(def.valueType) };
    case "union":
      return next((def.options as unknown[])[0]);
    case "intersection":
      return { ...(next(def.left) as object), ...(next(def.right) as object) };
    default:
      return "sample";
  }
}

/** Strips wrappers (optional, default, pipe...) to the schema that decides a value's kind. */
function core(schema: unknown): Def {
  let def = defOf(schema);
  for (let i = 0; i < 10; i++) {
    if (["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"].includes(def.type)) {
      def = defOf(def.innerType);
    } else if (def.type === "pipe") {
      def = defOf(def.in);
    } else if (def.type === "lazy") {
      def = defOf((def.getter as () => unknown)());
    } else break;
  }
  return def;
}

/** Values of the wrong kind or out of range for a field of this kind. */
function badValuesFor(def: Def, valid: unknown): FuzzCase[] {
  switch (def.type) {
    case "string":
      return [
        { label: "number for a string", input: 12345 },
        { label: "100 KB string", input: HUGE_STRING },
        { label: "empty string", input: "" },
        { label: "object for a string", input: { $gt: "" } },
      ];
    case "number":
      return [
        { label: "numeric string", input: "12" },
        { label: "NaN-ish string", input: "NaN" },
        { label: "negative", input: -1 },
        { label: "non-integer", input: 1.5 },
        { label: "NaN", input: Number.NaN },
        { label: "Infinity", input: Number.POSITIVE_INFINITY },
        { label: "beyond safe integers", input: 2 ** 60 },
      ];
    case "boolean":
      return [
        { label: "string for a boolean", input: "true" },
        { label: "number for a boolean", input: 1 },
      ];
    case "enum":
    case "literal":
      return [
        { label: "unknown enum value", input: "__not_a_member__" },
        { label: "enum value in another case", input: String(valid).toUpperCase() === valid ? "lower" : "UPPER" },
      ];
    case "array":
      return [
        { label: "string for an array", input: "not-an-array" },
        { label: "10,000 items", input: Array.from({ length: 10_000 }, () => (valid as unknown[])[0] ?? "x") },
        { label: "array of nulls", input: [null, null] },
        { label: "empty array", input: [] },
      ];
    case "date":
      return [
        { label: "invalid date string", input: "not-a-date" },
        { label: "Invalid Date", input: new Date(Number.NaN) },
      ];
    case "object":
    case "record":
      return [
        { label: "array for an object", input: [] },
        { label: "string for an object", input: "{}" },
      ];
    default:
      return [{ label: "null", input: null }];
  }
}

interface Leaf {
  path: (string | number)[];
  def: Def;
  value: unknown;
}

/** Every field of the sample with its schema, depth first, objects and arrays included. */
function leaves(schema: unknown, value: unknown, path: (string | number)[] = [], out: Leaf[] = []): Leaf[] {
  const def = core(schema);
  out.push({ path, def, value });
  if (path.length > 6) return out;
  if (def.type === "object" && value && typeof value === "object") {
    for (const [k, s] of Object.entries(def.shape as Record<string, unknown>)) {
      leaves(s, (value as Record<string, unknown>)[k], [...path, k], out);
    }
  } else if (def.type === "array" && Array.isArray(value) && value.length > 0) {
    leaves(def.element, value[0], [...path, 0], out);
  } else if (def.type === "union") {
    // Each member of a (discriminated) union has its own fields: vary those of the sampled one.
    out.push(...leaves((def.options as unknown[])[0], value, path).slice(1));
  }
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

function seedOf(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + (ch.codePointAt(0) ?? 0)) | 0;
  return h;
}

/**
 * What the server would see: superjson's round trip (drops functions, keeps NaN, Dates...).
 * Undefined when superjson will not carry it (keys like `__proto__`: see POLLUTION instead).
 */
function roundTrip(input: unknown): { input: unknown } | undefined {
  if (input === undefined) return { input };
  try {
    return { input: superjson.parse(superjson.stringify(input)) };
  } catch {
    return undefined;
  }
}

export interface CaseOptions {
  /** Cap on field-level variations. */
  maxFieldCases: number;
  /** fast-check runs per arbitrary (two arbitraries). */
  arbitraryRuns: number;
}

/**
 * The inputs to try on one procedure. Deterministic for a given path (fast-check is seeded by it),
 * so a failure replays exactly.
 */
export function casesFor(path: string, inputs: z.ZodType[], opts: CaseOptions): FuzzCase[] {
  const schema = inputs[0];
  const cases: FuzzCase[] = [
    { label: "no input", input: undefined },
    { label: "null", input: null },
    { label: "number", input: 42 },
    { label: "string", input: "input" },
    { label: "100 KB string", input: HUGE_STRING },
    { label: "unicode string", input: UNICODE },
    { label: "empty object", input: {} },
    { label: "array", input: [1, 2, 3] },
    { label: "10,000 items", input: Array.from({ length: 10_000 }, (_, i) => i) },
    { label: "nested 200 deep", input: deeplyNested(200) },
  ];
  if (schema) {
    const valid = sample(schema);
    cases.push({ label: "sample", input: valid });
    for (const flavour of ["unicode", "longest", "metacharacters"] as const) {
      cases.push({ label: `sample (${flavour})`, input: sample(schema, flavour) });
    }
    const fieldCases: FuzzCase[] = [];
    for (const leaf of leaves(schema, valid)) {
      const where = leaf.path.join(".") || "input";
      if (leaf.path.length > 0) {
        fieldCases.push({ label: `${where} missing`, input: setAt(valid, leaf.path, undefined, true) });
        fieldCases.push({ label: `${where} nested 200 deep`, input: setAt(valid, leaf.path, deeplyNested(200)) });
      }
      for (const bad of badValuesFor(leaf.def, leaf.value)) {
        fieldCases.push({ label: `${where}: ${bad.label}`, input: setAt(valid, leaf.path, bad.input) });
      }
    }
    // Spread the cap over all fields rather than spending it on the first one.
    const step = Math.max(1, Math.ceil(fieldCases.length / opts.maxFieldCases));
    cases.push(...fieldCases.filter((_, i) => i % step === 0));

    if (valid && typeof valid === "object" && !Array.isArray(valid)) {
      const shaped = fc.record(Object.fromEntries(Object.keys(valid).map((k) => [k, fc.anything({ maxDepth: 2 })])), {
        requiredKeys: [],
      });
      for (const input of fc.sample(shaped, { numRuns: opts.arbitraryRuns, seed: seedOf(path) })) {
        cases.push({ label: "fast-check: fields of any value", input });
      }
    }
  }
  for (const input of fc.sample(fc.anything({ maxDepth: 3 }), { numRuns: opts.arbitraryRuns, seed: seedOf(path) })) {
    cases.push({ label: "fast-check: anything", input });
  }
  return cases.flatMap((c) => {
    const sent = roundTrip(c.input);
    return sent ? [{ label: c.label, input: sent.input }] : [];
  });
}
