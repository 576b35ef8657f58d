import type { JsonSchema } from "./json-schema.js";

/**
 * The front matter of lesson.md and of an exercise's task.md, defined once: the loaders
 * take their required keys and patterns from here, and schemas/lesson.schema.json and
 * schemas/exercise.schema.json are these definitions written out (`npm run schemas`; a
 * test fails when a published file differs). Front matter is `key: value` lines between
 * two `---` lines; an editor that reads it as YAML sees `order: 3` as a number.
 *
 * A new key is one entry in `properties` (and in `required` if it must be there): the
 * loader then accepts it; what it means is up to the code that reads it.
 */

const KEBAB = "^[a-z0-9]+(-[a-z0-9]+)*$";
const text = (description: string): JsonSchema => ({ type: "string", minLength: 1, description });
const ORDER: JsonSchema = { type: "integer", minimum: 0, description: "A whole number: the order in the menu (lessons) or in the list (exercises)." };

export const LESSON_FRONT_MATTER: JsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://github.com/socket-tutor/socket-tutor/schemas/lesson.schema.json",
  title: "socket-tutor lesson.md front matter",
  description: "The front matter of lessons/NN-slug/lesson.md. Generated from src/lessons/front-matter-schema.ts (npm run schemas).",
  type: "object",
  properties: {
    id: { type: "string", pattern: KEBAB, description: "Kebab-case and unique: what the learner types (socket-tutor lesson <id>)." },
    title: text("The lesson's title."),
    chapter: text("The menu groups lessons by chapter."),
    order: ORDER,
    summary: text("One sentence: what the lesson shows."),
  },
  required: ["id", "title", "chapter", "order", "summary"],
  additionalProperties: false,
};

export const EXERCISE_FRONT_MATTER: JsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://github.com/socket-tutor/socket-tutor/schemas/exercise.schema.json",
  title: "socket-tutor exercise task.md front matter",
  description: "The front matter of lessons/exercises/<id>/task.md. Its checker is src/check/exercises/<id>.ts. Generated from src/lessons/front-matter-schema.ts (npm run schemas).",
  type: "object",
  properties: {
    id: { type: "string", pattern: KEBAB, description: "Kebab-case; the exercise folder's name and its checker module's name." },
    title: text("The exercise's title."),
    lesson: text("The id of the lesson that teaches what the exercise needs."),
    order: ORDER,
    summary: text("One sentence: what the learner's program does."),
  },
  required: ["id", "title", "lesson", "order", "summary"],
  additionalProperties: false,
};

/** The keys the loader demands, and those it also accepts. */
export function frontMatterKeys(schema: JsonSchema): { required: readonly string[]; optional: readonly string[] } {
  const required = schema.required ?? [];
  return { required, optional: Object.keys(schema.properties ?? {}).filter((k) => !required.includes(k)) };
}
