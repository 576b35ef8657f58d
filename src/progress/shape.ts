import type { Progress } from "./store.js";
import { isLanguage as isLanguageCode } from "../text/language.js";

/**
 * Turns parsed JSON into Progress without losing anything the learner (or a newer
 * socket-tutor) put there: keys we do not know are kept at every level, so they are
 * written back. A known field of the wrong type is never converted ("true" is not
 * true, "3" is not 3): it is treated as absent and its path is listed in `invalid`,
 * so the caller can keep a copy of the file before rewriting it.
 */
export interface Shaped {
  progress: Progress;
  /** Paths of the fields left out, e.g. `exercises.tcp-echo.passed`. */
  invalid: string[];
}

type Obj = Record<string, unknown>;
type Check = (v: unknown) => boolean;

const isBoolean: Check = (v) => typeof v === "boolean";
const isString: Check = (v) => typeof v === "string";
const isCount: Check = (v) => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
const isRuntime: Check = (v) => v === "python" || v === "node";
const isLanguage: Check = (v) => v === "python" || v === "javascript";
const isUiLanguage: Check = (v) => isLanguageCode(v);
const isIdList: Check = (v) => Array.isArray(v) && v.length <= 1000 && v.every((x) => typeof x === "string" && x.length <= 100);
const isCountRecord: Check = (v) => isObj(v) && Object.values(v).every(isCount);

/** undefined: not a version-1 progress file at all (the caller moves it aside). */
export function shapeProgress(v: unknown): Shaped | undefined {
  if (!isObj(v) || v.version !== 1) return undefined;
  const invalid: string[] = [];
  // Spread first, then set the known fields: unknown keys stay, in their order.
  const out: Obj = { ...v };
  out.lessons = entries(v, "lessons", invalid, (l, at) => {
    field(l, "step", isCount, at, invalid, 0);
    field(l, "completed", isBoolean, at, invalid, false);
    field(l, "updatedAt", isString, at, invalid, "");
    field(l, "quizzes", isCountRecord, at, invalid);
  });
  out.exercises = entries(v, "exercises", invalid, (e, at) => {
    field(e, "passed", isBoolean, at, invalid, false);
    field(e, "passedAt", isString, at, invalid);
    field(e, "attempts", isCount, at, invalid, 0);
    field(e, "hintsShown", isCount, at, invalid, 0);
    field(e, "hintsSeen", isIdList, at, invalid);
    field(e, "failedHints", isIdList, at, invalid);
    field(e, "language", isLanguage, at, invalid);
    field(e, "solutionUnlocked", isBoolean, at, invalid);
    field(e, "checksVersion", isCount, at, invalid);
  });
  let settings: Obj = {};
  if (isObj(v.settings)) settings = { ...v.settings };
  else if (v.settings !== undefined) invalid.push("settings");
  field(settings, "runtime", isRuntime, "settings", invalid);
  field(settings, "language", isUiLanguage, "settings", invalid);
  out.settings = settings;
  return { progress: out as unknown as Progress, invalid };
}

/** A record of entries keyed by id; an entry that is not an object is left out whole. */
function entries(parent: Obj, key: string, invalid: string[], shape: (entry: Obj, at: string) => void): Obj {
  const raw = parent[key];
  if (raw === undefined) return {};
  if (!isObj(raw)) {
    invalid.push(key);
    return {};
  }
  const kept: [string, Obj][] = [];
  for (const [id, item] of Object.entries(raw)) {
    const at = `${key}.${label(id)}`;
    if (!isObj(item)) {
      invalid.push(at);
      continue;
    }
    const entry = { ...item };
    shape(entry, at);
    kept.push([id, entry]);
  }
  // fromEntries defines own properties: an id such as "__proto__" stays a plain key.
  return Object.fromEntries(kept);
}

/** A wrong-typed value becomes the default (absent when there is none), and is listed. */
function field(o: Obj, key: string, ok: Check, at: string, invalid: string[], fallback?: unknown): void {
  if (Object.hasOwn(o, key)) {
    if (ok(o[key])) return;
    invalid.push(`${at}.${key}`);
    if (fallback === undefined) delete o[key];
    else o[key] = fallback;
    return;
  }
  if (fallback !== undefined) o[key] = fallback;
}

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Ids come from a hand-editable file: anything but plain ASCII is shown escaped, never raw to the terminal. */
function label(id: string): string {
  if (/^[A-Za-z0-9_.-]+$/.test(id)) return id;
  return JSON.stringify(id).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
