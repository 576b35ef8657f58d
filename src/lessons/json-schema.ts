/**
 * The subset of JSON Schema (draft 2020-12) the lesson formats are described in. The
 * loaders take their field lists, allowed values and ranges from these definitions, and
 * schemas/*.schema.json are these definitions written out (scripts/write-schemas.ts), so
 * what an editor checks and what the tutor checks come from one place.
 */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: "object" | "array" | "string" | "number" | "integer" | "boolean";
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  minProperties?: number;
  enum?: readonly (string | number | boolean)[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  pattern?: string;
  anyOf?: readonly JsonSchema[];
}

/** The field names a definition allows, in its order (the loaders' "known: …" lists). */
export function fieldsOf(schema: JsonSchema): string[] {
  return Object.keys(schema.properties ?? {});
}

/** The fields of the objects in an array field (focus.rows[…]). */
export function itemFieldsOf(schema: JsonSchema, field: string): string[] {
  return fieldsOf(schema.properties?.[field]?.items ?? {});
}

/** A string field's pattern as a RegExp (the loaders test what the schema states). */
export function patternOf(schema: JsonSchema | undefined): RegExp {
  if (schema?.pattern === undefined) throw new Error("the schema has no pattern");
  return new RegExp(schema.pattern);
}

/** The values an enum allows, as strings (the loaders' "one of …" lists). */
export function valuesOf(schema: JsonSchema | undefined): string[] {
  return (schema?.enum ?? []).map(String);
}

/** The definition as the published file holds it: two-space JSON and a final newline. */
export function schemaText(schema: JsonSchema): string {
  return JSON.stringify(schema, null, 2) + "\n";
}
