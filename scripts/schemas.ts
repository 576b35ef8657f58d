/**
 * `npm run schemas`: writes schemas/*.schema.json from the definitions the loaders
 * validate with (src/demo/demo-schema.ts, src/lessons/front-matter-schema.ts).
 * test/lessons/schemas.test.ts fails when a published file differs from what this writes.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_SCHEMA } from "../src/demo/demo-schema.js";
import { EXERCISE_FRONT_MATTER, LESSON_FRONT_MATTER } from "../src/lessons/front-matter-schema.js";
import { schemaText, type JsonSchema } from "../src/lessons/json-schema.js";

export const PUBLISHED: Readonly<Record<string, JsonSchema>> = {
  "demo.schema.json": DEMO_SCHEMA,
  "exercise.schema.json": EXERCISE_FRONT_MATTER,
  "lesson.schema.json": LESSON_FRONT_MATTER,
};

/** The repository's schemas/ folder (this file runs from dist/scripts/). */
export const schemasDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "schemas");

/** The published files that differ from their definitions (empty: all current). */
export function staleSchemas(dir = schemasDir): string[] {
  return Object.entries(PUBLISHED)
    .filter(([name, schema]) => {
      try {
        return readFileSync(path.join(dir, name), "utf8") !== schemaText(schema);
      } catch {
        return true;
      }
    })
    .map(([name]) => name);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [name, schema] of Object.entries(PUBLISHED)) {
    writeFileSync(path.join(schemasDir, name), schemaText(schema));
    process.stdout.write(`wrote schemas/${name}\n`);
  }
}
