import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Lesson } from "../../src/lessons/types.js";
import { emptyProgress } from "../../src/progress/store.js";
import { buildMenu, type MenuChoice } from "../../src/ui/menu.js";
import { makeStyle } from "../../src/util/style.js";

const lesson = (id: string, order: number, chapter: string): Lesson => ({
  meta: { id, title: `Title ${id}`, chapter, order, summary: `Summary ${id}` },
  folder: `0${order}-${id}`,
  dir: "/x",
  file: "/x/lesson.md",
  steps: [
    { title: "a", line: 1, blocks: [] },
    { title: "b", line: 2, blocks: [] },
  ],
});

const lessons = [lesson("one", 1, "First"), lesson("two", 2, "First"), lesson("three", 3, "Second")];
const exercises = [
  { id: "tcp-echo", title: "Echo", summary: "An echo server." },
  { id: "udp-upper", title: "Upper", summary: "A UDP server." },
];
const names = (items: ReturnType<typeof buildMenu>["items"]): string[] => items.map((i) => ("separator" in i ? `[${i.separator}]` : i.name));

describe("menu", () => {
  it("groups lessons by chapter, marks status, lists exercises, and ends with progress, the language and quit", () => {
    const p = emptyProgress();
    p.lessons["one"] = { step: 1, completed: true, updatedAt: "" };
    p.lessons["two"] = { step: 1, completed: false, updatedAt: "" };
    p.exercises["tcp-echo"] = { passed: true, attempts: 2, hintsShown: 0, checksVersion: 2 };
    p.exercises["udp-upper"] = { passed: false, attempts: 1, hintsShown: 0 };
    const { items, initial } = buildMenu(lessons, p, makeStyle(false), exercises);
    assert.deepEqual(names(items), [
      "[── First ──]",
      "✓  1. Title one  · done",
      "▸  2. Title two  · in progress, step 2 of 2",
      "[── Second ──]",
      "   3. Title three  · new",
      "[── Exercises ──]",
      "✓ Echo  · passed",
      "▸ Upper  · tried",
      "[──────]",
      "  Your progress",
      "  Language / 语言: English",
      "  Quit",
    ]);
    assert.deepEqual(initial, { kind: "lesson", id: "two" } satisfies MenuChoice, "the cursor starts on the first unfinished lesson");
  });

  it("marks a pass recorded under older checks: passed before the checks changed", () => {
    const p = emptyProgress();
    p.exercises["tcp-echo"] = { passed: true, attempts: 2, hintsShown: 0 };
    const { items } = buildMenu(lessons, p, makeStyle(false), exercises);
    assert.ok(names(items).includes("✓ Echo  · passed before the checks changed: run verify again"), names(items).join("\n"));
  });

  it("starts on the first lesson when everything is new, and when everything is done", () => {
    assert.deepEqual(buildMenu(lessons, emptyProgress(), makeStyle(false)).initial, { kind: "lesson", id: "one" });
    const done = emptyProgress();
    for (const l of lessons) done.lessons[l.meta.id] = { step: 1, completed: true, updatedAt: "" };
    assert.deepEqual(buildMenu(lessons, done, makeStyle(false)).initial, { kind: "lesson", id: "one" });
  });
});
