import { lstatSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { readTextInside, reasonWithLine } from "../lessons/read.js";
import { lessonsDir } from "../paths.js";
import { currentLanguage, t } from "../text/catalog.js";
import { isLanguage, type Language } from "../text/language.js";
import type { TranslationInfo, TranslationNote } from "../lessons/translation.js";
import { translateDemo } from "./translation.js";
import { escapeTerminal } from "../text/escape.js";
import { fieldsOf, itemFieldsOf, patternOf, valuesOf } from "../lessons/json-schema.js";
import { DEMO_AFTER, DEMO_FAMILY, DEMO_FOCUS, DEMO_ID, DEMO_INPUT_LINE, DEMO_PHASE, DEMO_PORT, DEMO_PORTS, DEMO_PROCESS, DEMO_SCHEMA, DEMO_SIDE, DEMO_TABLE_ROWS, DEMO_TIMEOUT, DEMO_TRANSPORT, MAX_DELAY_MS } from "./demo-schema.js";
import { DEMO_ENV_NAMES, KERNEL_TIMERS, type DemoSpec } from "./spec.js";
import { listOf } from "../text/list.js";

/** A demo found on disk: its spec, the folder its programs live in, and its lesson folder. */
export interface LoadedDemo {
  spec: DemoSpec;
  /** lessons/<lesson>/demos/<id> */
  dir: string;
  /** .../demo.json */
  file: string;
  /** The lesson folder name, e.g. 05-server-calls. */
  lessonFolder: string;
  /** Set when the texts come from demo.<language>.json. */
  translation?: TranslationInfo;
}

/** One thing wrong with a demo.json: the file, the field (a path like processes[1].after.call) and what is wrong. */
export interface DemoProblem {
  file: string;
  field: string;
  message: string;
  /** The line in the file, when the problem is about one (a control character). */
  line?: number;
}

export class DemoSpecError extends Error {
  constructor(readonly problems: DemoProblem[]) {
    super(problems.map((p) => formatDemoProblem(p)).join("\n"));
    this.name = "DemoSpecError";
  }
}

/** "file:line: field: message"; the file, the field (it holds the JSON's own keys) and the message are escaped. */
export function formatDemoProblem(p: DemoProblem, base = process.cwd()): string {
  const rel = path.relative(base, p.file);
  const shown = escapeTerminal(rel && !rel.startsWith("..") ? rel : p.file) + (p.line ? `:${p.line}` : "");
  const message = escapeTerminal(p.message);
  return p.field ? `${shown}: ${escapeTerminal(p.field)}: ${message}` : `${shown}: ${message}`;
}

// The field lists, allowed values and ranges come from the one definition (demo-schema.ts),
// which schemas/demo.schema.json publishes: what an editor checks is what the tutor checks.
const ID = patternOf(DEMO_ID);
const TOP_FIELDS = new Set(fieldsOf(DEMO_SCHEMA));
const FOCUS_FIELDS: readonly string[] = fieldsOf(DEMO_FOCUS);
const FOCUS_ROW_FIELDS: readonly string[] = itemFieldsOf(DEMO_FOCUS, "rows");
const FOCUS_CALL_FIELDS: readonly string[] = itemFieldsOf(DEMO_FOCUS, "calls");
const FOCUS_OUTPUT_FIELDS: readonly string[] = itemFieldsOf(DEMO_FOCUS, "output");
const PROC_FIELDS = new Set(fieldsOf(DEMO_PROCESS));
const PYTHON_FILE = patternOf(DEMO_PROCESS.properties?.python);
const NODE_FILE = patternOf(DEMO_PROCESS.properties?.node);
const OUTCOME_FIELDS: readonly string[] = ["what", "expect"];
const EXPECT_FIELDS: readonly string[] = ["process", "output", "notOutput", "call", "errno", "result", "count", "before", "oneAtATime", "runtime", "timer", "scripted"];
const EXPECT_STRINGS: readonly string[] = ["process", "output", "notOutput", "call", "errno", "result", "oneAtATime"];
const RESERVED_ENV = new Set(["HOST", "PORT", "SOCKET_PATH"]);
const MAX_TIMEOUT_MS = MAX_DELAY_MS;
/** A demo.json is a few hundred bytes; anything near this is a mistake. */
const MAX_DEMO_JSON_BYTES = 100 * 1024;
const INPUT_FIELDS: readonly string[] = fieldsOf(DEMO_INPUT_LINE);
const AFTER_FIELDS: readonly string[] = fieldsOf(DEMO_AFTER);
const PHASES = valuesOf(DEMO_PHASE);

/** Is `v` a whole number within the schema's minimum and maximum? */
function integerIn(v: unknown, range: { minimum?: number; maximum?: number }): boolean {
  return Number.isInteger(v) && (v as number) >= (range.minimum ?? -Infinity) && (v as number) <= (range.maximum ?? Infinity);
}

type Json = Record<string, unknown>;

/** demo.json `focus` (spec.ts DemoFocus): what the lesson points at; every process it names is one of the demo's. */
function checkFocus(focus: unknown, names: readonly string[], bad: (field: string, message: string) => void): void {
  if (!isObject(focus)) return bad("focus", t("lessons.demo.object"));
  for (const key of Object.keys(focus)) if (!FOCUS_FIELDS.includes(key)) bad(`focus.${key}`, t("lessons.demo.unknownField", { fields: listOf(FOCUS_FIELDS) }));
  if (typeof focus.what !== "string" || !focus.what.trim()) bad("focus.what", t("lessons.demo.stringRequired"));
  const list = (key: string, fields: readonly string[], check: (item: Json, f: string) => void) => {
    const v = focus[key];
    if (v === undefined) return;
    if (!Array.isArray(v)) return bad(`focus.${key}`, t("lessons.demo.focusList"));
    v.forEach((item, i) => {
      const f = `focus.${key}[${i}]`;
      if (!isObject(item)) return bad(f, t("lessons.demo.object"));
      for (const k of Object.keys(item)) {
        if (!fields.includes(k)) bad(`${f}.${k}`, t("lessons.demo.unknownField", { fields: listOf(fields) }));
        else if (typeof item[k] !== "string" || !(item[k] as string).trim()) bad(`${f}.${k}`, t("lessons.demo.nonEmptyString"));
      }
      if (item.runtime !== undefined && item.runtime !== "python" && item.runtime !== "node") bad(`${f}.runtime`, t("lessons.demo.notesRuntime"));
      check(item, f);
    });
  };
  const processNamed = (item: Json, f: string) => {
    if (typeof item.process !== "string") bad(`${f}.process`, t("lessons.demo.afterProcess"));
    else if (!names.includes(item.process)) bad(`${f}.process`, t("lessons.demo.notAProcess", { process: escapeTerminal(item.process), names: listOf(names) }));
  };
  list("rows", FOCUS_ROW_FIELDS, (item, f) => {
    if (Object.keys(item).length === 0) bad(f, t("lessons.demo.focusRowEmpty"));
  });
  list("calls", FOCUS_CALL_FIELDS, (item, f) => {
    processNamed(item, f);
    if (typeof item.call !== "string") bad(`${f}.call`, t("lessons.demo.afterCall"));
  });
  list("output", FOCUS_OUTPUT_FIELDS, (item, f) => {
    processNamed(item, f);
    if (typeof item.text !== "string") bad(`${f}.text`, t("lessons.demo.textRequired"));
  });
  const rows = focus.tableRows;
  if (rows !== undefined && !integerIn(rows, DEMO_TABLE_ROWS)) bad("focus.tableRows", t("lessons.demo.focusTableRows"));
  const checkReach = (reach: unknown, field: string) => {
    if (reach === undefined || reach === "end" || reach === "run") return;
    if (!isObject(reach) || Object.keys(reach).some((k) => k !== "hold")) return bad(field, t("lessons.demo.focusReach"));
    if (reach.hold === undefined) return;
    if (!isObject(reach.hold)) return bad(`${field}.hold`, t("lessons.demo.focusHold"));
    for (const [n, call] of Object.entries(reach.hold)) {
      if (!names.includes(n)) bad(`${field}.hold`, t("lessons.demo.notAProcess", { process: escapeTerminal(n), names: listOf(names) }));
      else if (typeof call !== "string" || !call.trim()) bad(`${field}.hold.${n}`, t("lessons.demo.afterCall"));
    }
  };
  const reach = focus.reach;
  if (isObject(reach) && ("python" in reach || "node" in reach)) {
    for (const [k, v] of Object.entries(reach)) {
      if (k !== "python" && k !== "node") bad(`focus.reach.${k}`, t("lessons.demo.notesRuntime"));
      else checkReach(v, `focus.reach.${k}`);
    }
  } else checkReach(reach, "focus.reach");
}

/** demo.json `outcome` (spec.ts DemoOutcome): the lesson's claim, and what shows it; every process it names is one of the demo's. */
function checkOutcome(outcome: unknown, names: readonly string[], bad: (field: string, message: string) => void): void {
  if (!isObject(outcome)) return bad("outcome", t("lessons.demo.object"));
  for (const key of Object.keys(outcome)) if (!OUTCOME_FIELDS.includes(key)) bad(`outcome.${key}`, t("lessons.demo.unknownField", { fields: listOf(OUTCOME_FIELDS) }));
  if (typeof outcome.what !== "string" || !outcome.what.trim()) bad("outcome.what", t("lessons.demo.stringRequired"));
  const expect = outcome.expect;
  if (!Array.isArray(expect) || expect.length === 0) return bad("outcome.expect", t("lessons.demo.outcomeExpect"));
  const processNamed = (v: unknown, f: string): void => {
    if (typeof v !== "string") bad(f, t("lessons.demo.afterProcess"));
    else if (!names.includes(v)) bad(f, t("lessons.demo.notAProcess", { process: escapeTerminal(v), names: listOf(names) }));
  };
  expect.forEach((item: unknown, i: number) => {
    const f = `outcome.expect[${i}]`;
    if (!isObject(item)) return bad(f, t("lessons.demo.object"));
    for (const k of Object.keys(item)) {
      if (!EXPECT_FIELDS.includes(k)) bad(`${f}.${k}`, t("lessons.demo.unknownField", { fields: listOf(EXPECT_FIELDS) }));
      else if (EXPECT_STRINGS.includes(k) && (typeof item[k] !== "string" || !(item[k] as string).trim())) bad(`${f}.${k}`, t("lessons.demo.nonEmptyString"));
    }
    processNamed(item.process, `${f}.process`);
    const kinds = ["output", "notOutput", "call", "oneAtATime"].filter((k) => item[k] !== undefined);
    if (kinds.length !== 1) bad(f, t("lessons.demo.outcomeOneOf"));
    if (item.call === undefined) for (const k of ["errno", "result", "count", "before"]) if (item[k] !== undefined) bad(`${f}.${k}`, t("lessons.demo.outcomeCallOnly"));
    const count = item.count;
    if (count !== undefined && (!Number.isInteger(count) || (count as number) < 1 || (count as number) > 1000)) bad(`${f}.count`, t("lessons.demo.outcomeCount"));
    const before = item.before;
    if (before !== undefined) {
      if (!isObject(before) || Object.keys(before).some((k) => k !== "process" && k !== "call") || typeof before.call !== "string" || !before.call.trim()) bad(`${f}.before`, t("lessons.demo.outcomeBefore"));
      else processNamed(before.process, `${f}.before.process`);
    }
    if (item.runtime !== undefined && item.runtime !== "python" && item.runtime !== "node") bad(`${f}.runtime`, t("lessons.demo.notesRuntime"));
    if (item.timer !== undefined && !KERNEL_TIMERS.includes(item.timer as never)) bad(`${f}.timer`, t("lessons.demo.outcomeTimer", { timers: listOf(KERNEL_TIMERS) }));
    if (item.scripted !== undefined && typeof item.scripted !== "boolean") bad(`${f}.scripted`, t("lessons.demo.boolean"));
  });
}

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Checks a parsed demo.json field by field. Every problem is collected (not just
 * the first), so an author fixes a file in one pass.
 */
export function validateDemo(json: unknown, file: string, dir = path.dirname(file)): { spec?: DemoSpec; problems: DemoProblem[] } {
  const problems: DemoProblem[] = [];
  const bad = (field: string, message: string) => problems.push({ file, field, message });
  if (!isObject(json)) {
    bad("", Array.isArray(json) ? t("lessons.demo.notObjectList") : json === null ? t("lessons.demo.notObjectNull") : t("lessons.demo.notObjectType", { type: typeof json }));
    return { problems };
  }
  for (const key of Object.keys(json)) if (!TOP_FIELDS.has(key)) bad(key, t("lessons.demo.unknownField", { fields: listOf([...TOP_FIELDS]) }));

  const str = (obj: Json, key: string, field: string, required: boolean): string | undefined => {
    const v = obj[key];
    if (v === undefined) {
      if (required) bad(field, t("lessons.demo.stringRequired"));
      return undefined;
    }
    if (typeof v !== "string" || v.trim() === "") {
      bad(field, t("lessons.demo.nonEmptyString"));
      return undefined;
    }
    return v;
  };
  const bool = (obj: Json, key: string, field: string) => {
    if (obj[key] !== undefined && typeof obj[key] !== "boolean") bad(field, t("lessons.demo.boolean"));
  };
  const nonNeg = (obj: Json, key: string, field: string, max = MAX_TIMEOUT_MS) => {
    const v = obj[key];
    if (v !== undefined && (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > max)) bad(field, t("lessons.demo.milliseconds", { min: 0, max }));
  };
  const oneOf = (obj: Json, key: string, field: string, allowed: readonly string[]) => {
    const v = obj[key];
    if (v !== undefined && (typeof v !== "string" || !allowed.includes(v))) bad(field, t("lessons.demo.oneOf", { values: listOf(allowed.map((a) => `"${a}"`)) }));
  };

  const id = str(json, "id", "id", true);
  if (id !== undefined) {
    if (!ID.test(id)) bad("id", t("lessons.demo.idNotKebab", { id: escapeTerminal(id) }));
    else if (path.basename(dir) !== id) bad("id", t("lessons.demo.idNotFolder", { id, folder: escapeTerminal(path.basename(dir)) }));
  }
  str(json, "title", "title", true);
  str(json, "summary", "summary", true);
  if (json.port !== undefined && !integerIn(json.port, DEMO_PORT)) bad("port", t("lessons.demo.port"));
  if (json.ports !== undefined && !integerIn(json.ports, DEMO_PORTS)) bad("ports", t("lessons.demo.ports", { min: DEMO_PORTS.minimum ?? 1, max: DEMO_PORTS.maximum ?? 1 }));
  oneOf(json, "transport", "transport", valuesOf(DEMO_TRANSPORT));
  oneOf(json, "family", "family", valuesOf(DEMO_FAMILY));
  bool(json, "interactive", "interactive");
  str(json, "noPrivateNetwork", "noPrivateNetwork", false);
  str(json, "privateNetworkOnly", "privateNetworkOnly", false);
  if (json.privateNetworkOnly !== undefined && json.noPrivateNetwork !== undefined) bad("privateNetworkOnly", t("lessons.demo.privateAndShared"));
  if (json.privateNetworkOnly !== undefined && Array.isArray(json.processes) && json.processes.some((p) => isObject(p) && p.unprivileged === true)) bad("privateNetworkOnly", t("lessons.demo.privateAndUnprivileged"));
  const timeout = { min: DEMO_TIMEOUT.minimum ?? 0, max: DEMO_TIMEOUT.maximum ?? MAX_TIMEOUT_MS };
  if (json.timeoutMs !== undefined && (typeof json.timeoutMs !== "number" || json.timeoutMs < timeout.min || json.timeoutMs > timeout.max)) bad("timeoutMs", t("lessons.demo.milliseconds", timeout));
  if (json.notes !== undefined) {
    if (!isObject(json.notes)) bad("notes", t("lessons.demo.notesObject"));
    else
      for (const [k, v] of Object.entries(json.notes)) {
        if (k !== "python" && k !== "node") bad(`notes.${k}`, t("lessons.demo.notesRuntime"));
        else if (typeof v !== "string" || !v.trim()) bad(`notes.${k}`, t("lessons.demo.nonEmptyString"));
      }
  }

  const procs = json.processes;
  const names: string[] = [];
  if (!Array.isArray(procs) || procs.length === 0) bad("processes", t("lessons.demo.processes"));
  else {
    procs.forEach((p, i) => {
      const f = `processes[${i}]`;
      if (!isObject(p)) return bad(f, t("lessons.demo.object"));
      const name = str(p, "name", `${f}.name`, true);
      if (name !== undefined) {
        if (names.includes(name)) bad(`${f}.name`, t("lessons.demo.nameUsed", { name: escapeTerminal(name) }));
        names.push(name);
      }
    });
    procs.forEach((p, i) => {
      if (!isObject(p)) return;
      const f = `processes[${i}]`;
      for (const key of Object.keys(p)) if (!PROC_FIELDS.has(key)) bad(`${f}.${key}`, t("lessons.demo.unknownField", { fields: listOf([...PROC_FIELDS]) }));
      oneOf(p, "side", `${f}.side`, valuesOf(DEMO_SIDE));
      if (p.side === undefined) bad(`${f}.side`, t("lessons.demo.sideRequired"));
      for (const rt of ["python", "node"] as const) {
        const prog = str(p, rt, `${f}.${rt}`, true);
        if (prog === undefined) continue;
        // Beside demo.json, or in a sibling demo of the same lesson ("../many-clients/client.py"):
        // variants of one experiment share a program instead of copying it.
        const demosRoot = path.dirname(dir);
        const resolved = path.resolve(dir, prog);
        // Through its links too: the program run must be the one the lesson shows, never a file elsewhere.
        // Read, not only found: the live view shows its source, which must be text a terminal can show.
        const real = path.isAbsolute(prog) || !resolved.startsWith(demosRoot + path.sep) ? undefined : readTextInside(resolved, path.dirname(demosRoot), t("lessons.root.lesson"), { kind: t("lessons.kind.demoProgram") });
        const program = escapeTerminal(prog);
        if (!real) bad(`${f}.${rt}`, t("lessons.demo.programOutside", { program }));
        else if (!real.ok && real.missing) bad(`${f}.${rt}`, t("lessons.demo.programMissing", { program, dir: escapeTerminal(dir) }));
        else if (!real.ok) bad(`${f}.${rt}`, t("lessons.file.quotedReason", { file: program, reason: reasonWithLine(real) }));
        else if (rt === "python" && !PYTHON_FILE.test(prog)) bad(`${f}.${rt}`, t("lessons.demo.notPython", { program }));
        else if (rt === "node" && !NODE_FILE.test(prog)) bad(`${f}.${rt}`, t("lessons.demo.notNode", { program }));
      }
      if (p.args !== undefined && (!Array.isArray(p.args) || p.args.some((a) => typeof a !== "string"))) bad(`${f}.args`, t("lessons.demo.stringList"));
      else if (Array.isArray(p.args) && p.args.some((a) => (a as string).includes("\0"))) bad(`${f}.args`, t("lessons.demo.nul"));
      if (p.env !== undefined) {
        if (!isObject(p.env)) bad(`${f}.env`, t("lessons.demo.envObject"));
        else
          for (const [k, v] of Object.entries(p.env)) {
            if (typeof v !== "string") bad(`${f}.env.${k}`, t("lessons.demo.string"));
            else if (v.includes("\0")) bad(`${f}.env.${k}`, t("lessons.demo.nul"));
            if (RESERVED_ENV.has(k)) bad(`${f}.env.${k}`, t("lessons.demo.envReserved"));
            else if (!DEMO_ENV_NAMES.includes(k)) bad(`${f}.env.${k}`, t("lessons.demo.envNotAllowed", { names: listOf(DEMO_ENV_NAMES) }));
          }
      }
      nonNeg(p, "delayMs", `${f}.delayMs`);
      bool(p, "expectFailure", `${f}.expectFailure`);
      bool(p, "unprivileged", `${f}.unprivileged`);
      bool(p, "keepsRunning", `${f}.keepsRunning`);
      if (p.after !== undefined) checkAfter(p.after, `${f}.after`, names, p.name, true, bad);
      if (p.input !== undefined) {
        if (!Array.isArray(p.input)) bad(`${f}.input`, t("lessons.demo.inputList"));
        else
          p.input.forEach((line: unknown, j: number) => {
            const g = `${f}.input[${j}]`;
            if (!isObject(line)) return bad(g, t("lessons.demo.inputObject"));
            for (const key of Object.keys(line)) if (!INPUT_FIELDS.includes(key)) bad(`${g}.${key}`, t("lessons.demo.unknownField", { fields: listOf(INPUT_FIELDS) }));
            if (typeof line.text !== "string") bad(`${g}.text`, t("lessons.demo.textRequired"));
            else if (line.text.includes("\n")) bad(`${g}.text`, t("lessons.demo.oneLine"));
            nonNeg(line, "delayMs", `${g}.delayMs`);
            if (line.after !== undefined) checkAfter(line.after, `${g}.after`, names, p.name, false, bad);
          });
      }
    });
    checkStartOrder(procs, file, problems);
  }
  if (json.focus !== undefined) checkFocus(json.focus, names, bad);
  if (json.outcome !== undefined) checkOutcome(json.outcome, names, bad);
  if (problems.length) return { problems };
  return { spec: json as unknown as DemoSpec, problems };
}

function checkAfter(after: unknown, f: string, names: string[], self: unknown, otherProcess: boolean, bad: (field: string, message: string) => void): void {
  if (!isObject(after)) return bad(f, t("lessons.demo.afterObject"));
  for (const key of Object.keys(after)) if (!AFTER_FIELDS.includes(key)) bad(`${f}.${key}`, t("lessons.demo.unknownField", { fields: listOf(AFTER_FIELDS) }));
  if (otherProcess || after.process !== undefined) {
    if (typeof after.process !== "string") bad(`${f}.process`, t("lessons.demo.afterProcess"));
    else if (!names.includes(after.process)) bad(`${f}.process`, t("lessons.demo.notAProcess", { process: escapeTerminal(after.process), names: listOf(names.map((n) => escapeTerminal(n))) }));
    else if (otherProcess && after.process === self) bad(`${f}.process`, t("lessons.demo.waitsForItself"));
  }
  if (typeof after.call !== "string" || !after.call) bad(`${f}.call`, t("lessons.demo.afterCall"));
  if (after.phase !== undefined && (typeof after.phase !== "string" || !PHASES.includes(after.phase))) bad(`${f}.phase`, t("lessons.demo.phase"));
}

/** `after` chains must end at a process that starts by itself. */
function checkStartOrder(procs: unknown[], file: string, problems: DemoProblem[]): void {
  const waits = new Map<string, string>();
  for (const p of procs) if (isObject(p) && typeof p.name === "string" && isObject(p.after) && typeof p.after.process === "string") waits.set(p.name, p.after.process);
  for (const start of waits.keys()) {
    const seen = new Set<string>();
    let cur: string | undefined = start;
    while (cur !== undefined && waits.has(cur)) {
      if (seen.has(cur)) {
        problems.push({ file, field: "processes", message: t("lessons.demo.cycle", { chain: [...seen].map((n) => escapeTerminal(n)).join(" -> ") }) });
        return;
      }
      seen.add(cur);
      cur = waits.get(cur);
    }
  }
}

/** Reads and validates one demo.json. Throws DemoSpecError with every problem found. */
export function loadDemoFile(file: string, language: Language = uiLanguage(), notes: TranslationNote[] = []): LoadedDemo {
  const read = readTextInside(file, path.dirname(file), t("lessons.root.demo"), { maxBytes: MAX_DEMO_JSON_BYTES, kind: t("lessons.kind.demoJson") });
  if (!read.ok) throw new DemoSpecError([{ file, field: "", message: t("lessons.file.reason", { file: "demo.json", reason: read.reason }), ...(read.line ? { line: read.line } : {}) }]);
  const text = read.text;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DemoSpecError([{ file, field: "", message: t("lessons.demo.notJson", { error: escapeTerminal((err as Error).message) }) }]);
  }
  const dir = path.dirname(file);
  const { spec, problems } = validateDemo(json, file, dir);
  if (!spec) throw new DemoSpecError(problems);
  const loaded: LoadedDemo = { spec, dir, file, lessonFolder: path.basename(path.dirname(path.dirname(dir))) };
  if (language === "en") return loaded;
  const tr = translateDemo(spec, text, file, language, notes);
  return tr ? { ...loaded, ...tr } : loaded;
}

function uiLanguage(): Language {
  const l = currentLanguage();
  return isLanguage(l) ? l : "en";
}

export interface DemoSet {
  demos: LoadedDemo[];
  problems: DemoProblem[];
  /** About the translations read (stale, or not used): for authors and tests. */
  translations: TranslationNote[];
}

/**
 * Every lessons/<lesson>/demos/<id>/demo.json, valid ones in lesson-folder then id
 * order, and the problems of the rest (for the lessons' reference check and doctor).
 */
export function listDemos(root: string = lessonsDir(), language: Language = uiLanguage()): DemoSet {
  const demos: LoadedDemo[] = [];
  const problems: DemoProblem[] = [];
  const translations: TranslationNote[] = [];
  const byId = new Map<string, LoadedDemo>();
  for (const lesson of safeReaddir(root).sort()) {
    const demosDir = path.join(root, lesson, "demos");
    if (!isDir(demosDir)) continue;
    for (const id of safeReaddir(demosDir).sort()) {
      const dir = path.join(demosDir, id);
      if (!isDir(dir)) continue;
      const file = path.join(dir, "demo.json");
      if (!present(file)) {
        problems.push({ file, field: "", message: t("lessons.demo.noDemoJson") });
        continue;
      }
      try {
        const demo = loadDemoFile(file, language, translations);
        const first = byId.get(demo.spec.id);
        if (first) {
          problems.push({ file, field: "id", message: t("lessons.demo.idUsed", { id: demo.spec.id, file: escapeTerminal(first.file) }) });
          continue;
        }
        byId.set(demo.spec.id, demo);
        demos.push(demo);
      } catch (err) {
        if (err instanceof DemoSpecError) problems.push(...err.problems);
        else throw err;
      }
    }
  }
  return { demos, problems, translations };
}

/** A demo by id (ids are unique across lessons). Throws DemoSpecError when its demo.json is broken. */
export function findDemo(id: string, root: string = lessonsDir()): LoadedDemo | undefined {
  for (const lesson of safeReaddir(root).sort()) {
    const file = path.join(root, lesson, "demos", id, "demo.json");
    if (present(file)) return loadDemoFile(file);
  }
  return undefined;
}

/** Every demo id on disk, valid or not (for "did you mean"). */
export function demoIds(root: string = lessonsDir()): string[] {
  const ids: string[] = [];
  for (const lesson of safeReaddir(root)) for (const id of safeReaddir(path.join(root, lesson, "demos"))) if (present(path.join(root, lesson, "demos", id, "demo.json"))) ids.push(id);
  return ids.sort();
}

/** There is something by that name, even a broken link: loading it then says what is wrong. */
function present(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
