import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { DEMO_SCHEMA } from "../../src/demo/demo-schema.js";
import { listDemos, validateDemo } from "../../src/demo/load.js";
import { loadExercises } from "../../src/exercises/catalog.js";
import { EXERCISE_FRONT_MATTER, LESSON_FRONT_MATTER } from "../../src/lessons/front-matter-schema.js";
import type { JsonSchema } from "../../src/lessons/json-schema.js";
import { loadLessons } from "../../src/lessons/load.js";
import { readFrontMatter } from "../../src/lessons/parse.js";
import { PUBLISHED, schemasDir, staleSchemas } from "../../scripts/schemas.js";
import { schemaErrors } from "../support/json-schema.js";
import { repoRoot } from "../support/cli.js";

/**
 * The published schemas are the loaders' own definitions written out: a published file
 * that differs fails here, and the schema and the loader agree on real and broken files.
 */

const published = (name: string): JsonSchema => JSON.parse(readFileSync(path.join(schemasDir, name), "utf8")) as JsonSchema;

/** A front matter as an editor's YAML reads it: `order: 3` is a number. */
function frontMatter(file: string, schema: JsonSchema): Record<string, unknown> {
  const lines = readFileSync(file, "utf8").replace(/\r\n?/g, "\n").split("\n");
  const front = readFrontMatter(lines, [], () => undefined, Object.keys(schema.properties ?? {}));
  assert.ok(front, file);
  const out: Record<string, unknown> = {};
  for (const [k, v] of front.values) out[k] = /^\d+$/.test(v.value) ? Number(v.value) : v.value;
  return out;
}

describe("the published JSON Schemas", () => {
  it("are the loaders' definitions written out (else: npm run schemas)", () => {
    assert.deepEqual(staleSchemas(), [], "a schema differs from its definition: run 'npm run schemas' and commit schemas/");
    assert.deepEqual(Object.keys(PUBLISHED).sort(), ["demo.schema.json", "exercise.schema.json", "lesson.schema.json"]);
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { files: string[] };
    assert.ok(pkg.files.includes("schemas"), "package.json files ships schemas/");
    for (const doc of ["README.md", "CONTRIBUTING.md"]) assert.match(readFileSync(path.join(repoRoot, doc), "utf8"), /schemas\/demo\.schema\.json/, `${doc} names the schemas`);
  });

  it("every shipped demo.json, lesson.md and task.md front matter is valid under its published schema", () => {
    const demo = published("demo.schema.json");
    const { demos, problems } = listDemos();
    assert.deepEqual(problems, []);
    assert.ok(demos.length > 10);
    for (const d of demos) assert.deepEqual(schemaErrors(demo, JSON.parse(readFileSync(d.file, "utf8"))), [], d.file);
    const lesson = published("lesson.schema.json");
    for (const l of loadLessons().lessons) assert.deepEqual(schemaErrors(lesson, frontMatter(l.file, lesson)), [], l.file);
    const exercise = published("exercise.schema.json");
    for (const e of loadExercises().exercises) assert.deepEqual(schemaErrors(exercise, frontMatter(path.join(e.dir, "task.md"), exercise)), [], e.id);
  });

  // Each breaks one rule; the loader (with its file:line messages) and the schema both refuse it.
  const base = listDemos().demos.find((d) => d.spec.id === "tcp-step-by-step")!;
  const original = JSON.parse(readFileSync(base.file, "utf8")) as Record<string, unknown>;
  type Demo = { [k: string]: unknown; processes: Array<Record<string, unknown>> };
  const broken: Array<[string, (d: Demo) => void, RegExp]> = [
    ["an unknown field", (d) => (d.colour = "red"), /^colour: unknown field/],
    ["an unknown process field", (d) => (d.processes[0]!.cwd = "/"), /^processes\[0\]\.cwd: unknown field/],
    ["a transport that does not exist", (d) => (d.transport = "sctp"), /^transport: must be one of/],
    ["a family that does not exist", (d) => (d.family = "inet7"), /^family: must be one of/],
    ["port 0", (d) => (d.port = 0), /^port: /],
    ["port 1.5", (d) => (d.port = 1.5), /^port: /],
    ["a timeout under half a second", (d) => (d.timeoutMs = 100), /^timeoutMs: /],
    ["a side in the middle", (d) => (d.processes[0]!.side = "middle"), /^processes\[0\]\.side: /],
    ["a Python program for Node", (d) => (d.processes[0]!.node = "server.py"), /^processes\[0\]\.node: /],
    ["an env that changes how programs load", (d) => (d.processes[0]!.env = { LD_PRELOAD: "x.so" }), /^processes\[0\]\.env\.LD_PRELOAD: /],
    ["a phase that does not exist", (d) => (d.processes[1]!.after = { process: "server", call: "listen", phase: "middle" }), /^processes\[1\]\.after\.phase: /],
    ["an input line with a newline", (d) => (d.processes[0]!.input = [{ text: "a\nb" }]), /^processes\[0\]\.input\[0\]\.text: /],
    ["focus rows that do not fit", (d) => (d.focus = { what: "x", tableRows: 41 }), /^focus\.tableRows: /],
    ["an empty title", (d) => (d.title = "  "), /^title: /],
    ["no processes", (d) => (d.processes = []), /^processes: /],
  ];
  for (const [what, mutate, field] of broken) {
    it(`the loader and the schema both refuse ${what}`, () => {
      const d = structuredClone(original) as Demo;
      mutate(d);
      const { problems } = validateDemo(d, base.file, base.dir);
      assert.ok(problems.some((p) => field.test(`${p.field}: ${p.message}`)), `loader: ${problems.map((p) => `${p.field}: ${p.message}`).join(" | ")}`);
      assert.notDeepEqual(schemaErrors(DEMO_SCHEMA, d), [], "schema");
    });
  }

  it("front matter: a missing key, an unknown key, a non-number order are refused by both", () => {
    const ok = { id: "tcp-echo", title: "T", lesson: "server-calls", order: 1, summary: "S" };
    assert.deepEqual(schemaErrors(EXERCISE_FRONT_MATTER, ok), []);
    assert.notDeepEqual(schemaErrors(EXERCISE_FRONT_MATTER, { ...ok, order: "one" }), []);
    assert.notDeepEqual(schemaErrors(EXERCISE_FRONT_MATTER, { ...ok, colour: "red" }), []);
    const { summary: _, ...missing } = ok;
    assert.notDeepEqual(schemaErrors(EXERCISE_FRONT_MATTER, missing), []);
    assert.notDeepEqual(schemaErrors(LESSON_FRONT_MATTER, { ...ok, chapter: "C", id: "Not_Kebab" }), []);
  });
});
