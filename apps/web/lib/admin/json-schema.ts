import type { JsonSchema } from "./api-catalog.ts";

/**
 * A small JSON Schema checker for the API explorer's input box: the subset zod's
 * `toJSONSchema` emits for the platform's inputs (objects, arrays, scalars, enums, const,
 * bounds, anyOf/oneOf). It catches typos before a round trip; the service validates for real.
 */
export function validate(schema: JsonSchema | null, value: unknown, path = ""): string[] {
  if (!schema)
    return value === undefined || value === null ? [] : [`${path || "input"}: this procedure takes no input`];
  const at = path || "input";
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const results = alternatives.map((alt) => validate(alt, value, path));
    if (results.some((r) => r.length === 0)) return [];
    return results.sort((a, b) => a.length - b.length)[0] ?? [`${at}: matches none of the allowed shapes`];
  }
  if (value === undefined) return [];
  if ("const" in schema && value !== schema.const) return [`${at}: must be ${JSON.stringify(schema.const)}`];
  if (schema.enum && !schema.enum.includes(value))
    return [`${at}: one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`];
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length > 0 && !types.some((t) => isType(t, value))) return [`${at}: expected ${types.join(" or ")}`];
  const problems: string[] = [];
  if (typeof value === "string") {
    if (schema.minLength !== undefined && value.length < schema.minLength)
      problems.push(`${at}: at least ${schema.minLength} characters`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength)
      problems.push(`${at}: at most ${schema.maxLength} characters`);
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) problems.push(`${at}: must match ${schema.pattern}`);
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${at}: at least ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${at}: at most ${schema.maximum}`);
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => {
      problems.push(...validate(schema.items ?? null, item, `${path ? `${path}.` : ""}${i}`));
    });
  }
  if (isObject(value) && schema.properties) {
    for (const key of schema.required ?? []) {
      if (value[key] === undefined) problems.push(`${path ? `${path}.` : ""}${key}: required`);
    }
    for (const [key, sub] of Object.entries(schema.properties)) {
      problems.push(...validate(sub, value[key], `${path ? `${path}.` : ""}${key}`));
    }
    if (schema.additionalProperties === false) {
      for (const key of Object.keys(value)) {
        if (!(key in schema.properties)) problems.push(`${path ? `${path}.` : ""}${key}: not a field of this input`);
      }
    }
  }
  return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isType(type: string, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    case "array":
      return Array.isArray(value);
    case "object":
      return isObject(value);
    default:
      return true;
  }
}

/** A starting input for the explorer: required fields with a placeholder of the right type. */
export function example(schema: JsonSchema | null): unknown {
  if (!schema) return undefined;
  if (schema.default !== undefined && !schema.properties) return schema.default;
  const alternative = (schema.anyOf ?? schema.oneOf)?.[0];
  if (alternative) return example(alternative);
  if ("const" in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = example(schema.properties?.[key] ?? null);
      return out;
    }
    case "array":
      return [];
    case "string":
      return "";
    case "integer":
    case "number":
      return schema.minimum ?? 0;
    case "boolean":
      return false;
    default:
      return null;
  }
}
