import path from "node:path";
import { readTextInside } from "../lessons/read.js";
import { checkSource, translatedName, type TranslationInfo, type TranslationNote } from "../lessons/translation.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import type { Language } from "../text/language.js";
import type { DemoSpec } from "./spec.js";

/**
 * demo.<language>.json beside demo.json: `source` (the git hash of demo.json, see
 * lessons/translation.ts) and only the texts a learner reads — title, summary,
 * notes.python / notes.node, focus.what, outcome.what (the claim the verdict quotes),
 * noPrivateNetwork, privateNetworkOnly — each one the English has.
 * Everything else (processes, ports, focus rows) stays the English file's: a
 * translation cannot change what runs. A text it lacks is shown in English.
 */

/** The text fields, as paths into demo.json. */
export const DEMO_TEXT_FIELDS = ["title", "summary", "notes.python", "notes.node", "focus.what", "outcome.what", "noPrivateNetwork", "privateNetworkOnly"] as const;
type TextField = (typeof DEMO_TEXT_FIELDS)[number];

/** The text at a field path of a spec (or of a translation's JSON), if it is a string. */
export function textAt(o: unknown, field: string): string | undefined {
  let v: unknown = o;
  for (const part of field.split(".")) {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return typeof v === "string" ? v : undefined;
}

/** Every field path a translation's JSON holds (objects walked into), e.g. ["source", "title", "notes.node"]. */
function fieldPaths(o: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v !== null && !Array.isArray(v) ? fieldPaths(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

export function translateDemo(
  spec: DemoSpec,
  englishText: string,
  englishFile: string,
  language: Language,
  notes: TranslationNote[],
): { spec: DemoSpec; translation: TranslationInfo } | undefined {
  const file = translatedName(englishFile, language);
  const note = (message: string, line = 0): void => void notes.push({ file, english: englishFile, line, kind: "mismatch", message });
  const read = readTextInside(file, path.dirname(file), t("lessons.root.demo"), { kind: t("lessons.kind.demoJson") });
  if (!read.ok) {
    if (!read.missing) note(t("lessons.file.reason", { file: path.basename(file), reason: read.reason }), read.line ?? 0);
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(read.text);
  } catch (err) {
    note(t("lessons.translation.notJson", { error: escapeTerminal((err as Error).message) }));
    return undefined;
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    note(t("lessons.translation.notJson", { error: "not an object" }));
    return undefined;
  }
  const o = json as Record<string, unknown>;
  let ok = true;
  for (const f of fieldPaths(o)) {
    if (f === "source") continue;
    if (!(DEMO_TEXT_FIELDS as readonly string[]).includes(f) || textAt(spec, f) === undefined || textAt(o, f) === undefined) {
      note(t("lessons.translation.demoField", { field: escapeTerminal(f) }));
      ok = false;
    }
  }
  const source = typeof o.source === "string" ? o.source : undefined;
  if (source === undefined) {
    note(t("lessons.translation.noSource", { english: path.basename(englishFile) }));
    ok = false;
  }
  if (!ok) return undefined;
  const stale = checkSource(source!, englishText, file, englishFile, 0);
  if (stale) notes.push(stale);
  const out: DemoSpec = structuredClone(spec);
  const text = (f: TextField): string | undefined => textAt(o, f);
  out.title = text("title") ?? spec.title;
  if (stale) out.title = `${out.title} · ${t("lessons.translation.staleMark")}`;
  out.summary = text("summary") ?? spec.summary;
  if (out.notes) {
    const py = text("notes.python");
    const node = text("notes.node");
    if (py !== undefined && out.notes.python !== undefined) out.notes.python = py;
    if (node !== undefined && out.notes.node !== undefined) out.notes.node = node;
  }
  const what = text("focus.what");
  if (out.focus && what !== undefined) out.focus.what = what;
  // The outcome's claim is read by the learner ("The demo ran as designed: …"); its expectations stay the English file's.
  const claim = text("outcome.what");
  if (out.outcome && claim !== undefined) out.outcome.what = claim;
  const np = text("noPrivateNetwork");
  if (np !== undefined && out.noPrivateNetwork !== undefined) out.noPrivateNetwork = np;
  const only = text("privateNetworkOnly");
  if (only !== undefined && out.privateNetworkOnly !== undefined) out.privateNetworkOnly = only;
  return { spec: out, translation: { language, file, stale: stale !== undefined } };
}
