import type { JsonSchema } from "../../src/lessons/json-schema.js";

/**
 * A checker for the subset of JSON Schema the published schemas use (json-schema.ts), so
 * the tests can hold a file against the published schema the way an editor would,
 * without a schema library in the dependencies. Returns the paths that fail.
 */
export function schemaErrors(schema: JsonSchema, value: unknown, at = "$"): string[] {
  const out: string[] = [];
  if (schema.anyOf && !schema.anyOf.some((s) => schemaErrors(s, value, at).length === 0)) out.push(`${at}: matches none of anyOf`);
  if (schema.enum && !schema.enum.includes(value as string)) out.push(`${at}: not one of ${schema.enum.join(", ")}`);
  if (schema.type && !hasType(schema.type, value)) return [...out, `${at}: not ${schema.type}`];
  if (typeof value === "string") {
    if (schema.minLength !== undefined && [...value].length < schema.minLength) out.push(`${at}: too short`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) out.push(`${at}: does not match ${schema.pattern}`);
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) out.push(`${at}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) out.push(`${at}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) out.push(`${at}: fewer than ${schema.minItems} items`);
    if (schema.items) value.forEach((v, i) => out.push(...schemaErrors(schema.items!, v, `${at}[${i}]`)));
  } else if (typeof value === "object" && value !== null) {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (schema.minProperties !== undefined && keys.length < schema.minProperties) out.push(`${at}: fewer than ${schema.minProperties} properties`);
    for (const r of schema.required ?? []) if (!(r in obj)) out.push(`${at}.${r}: required`);
    for (const k of keys) {
      if (schema.propertyNames) out.push(...schemaErrors(schema.propertyNames, k, `${at}.${k} (name)`));
      const prop = schema.properties?.[k];
      if (prop) out.push(...schemaErrors(prop, obj[k], `${at}.${k}`));
      else if (schema.additionalProperties === false) out.push(`${at}.${k}: not allowed`);
      else if (typeof schema.additionalProperties === "object") out.push(...schemaErrors(schema.additionalProperties, obj[k], `${at}.${k}`));
    }
  }
  return out;
}

function hasType(type: NonNullable<JsonSchema["type"]>, v: unknown): boolean {
  switch (type) {
    case "object":
      return typeof v === "object" && v !== null && !Array.isArray(v);
    case "array":
      return Array.isArray(v);
    case "integer":
      return Number.isInteger(v);
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    default:
      return typeof v === type;
  }
}
