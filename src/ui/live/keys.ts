/**
 * Every key of the live view, in one table: the key bar, the help's key list and
 * the controller all read it, so a key cannot do one thing and be described as
 * another. `keys` are blessed's names (`key.full`) after normalizeKey().
 */
import { t } from "../../text/catalog.js";

export type KeyAction =
  | "step"
  | "stepLeft"
  | "stepRight"
  | "type"
  | "runMode"
  | "slow"
  | "restart"
  | "help"
  | "bottom"
  | "wire"
  | "client"
  | "runtime"
  | "syscalls"
  | "focus"
  | "select"
  | "open"
  | "page"
  | "back"
  | "quit";

/** What decides whether a key applies now (and so whether the key bar offers it). */
export interface KeyContext {
  /** Step mode exists (a demo; not `verify --live`, whose checks have deadlines). */
  steppable: boolean;
  /** The run is over (finished or stopped): stepping and typing do nothing now. */
  over: boolean;
  /** Step mode now (else run or slow motion). */
  mode: "step" | "run" | "slow";
  /** A process takes typed lines now (an interactive demo, or one waiting in input()). */
  canType: boolean;
  twoSides: boolean;
  /** The table and the timeline share the bottom (a small terminal): t switches. */
  compact: boolean;
  /** The right pane has several clients. */
  clients: boolean;
  pythonAvailable: boolean;
  straceAvailable: boolean;
  syscalls: boolean;
  runtime: "python" | "node";
  bottom: "table" | "timeline" | "wire";
  /** The focused pane has calls (↑/↓ select one, o opens it). */
  hasCalls: boolean;
  restartLabel: string;
}

export interface KeyEntry {
  action: KeyAction;
  /** blessed key names that trigger it. */
  keys: readonly string[];
  /** How the key is written in the key bar and the help. */
  label: string;
  /** The key bar's word for it: as short as possible. */
  bar: (c: KeyContext) => string;
  /** The help's line for it: a whole sentence. */
  help: (c: KeyContext) => string;
  /** Whether pressing it does something now. */
  when: (c: KeyContext) => boolean;
  /** Its place in the key bar (lower first; the bar drops the last ones when narrow). Undefined: in the help only. */
  order?: number;
}

const steps = (c: KeyContext): boolean => c.steppable && !c.over;

export const KEY_TABLE: readonly KeyEntry[] = [
  { action: "type", keys: ["i"], label: "i", order: 0, bar: () => t("live.key.type"), help: () => t("live.keys.type"), when: (c) => c.canType && !c.over },
  { action: "step", keys: ["space", "enter"], label: "space", order: 1, bar: () => t("live.key.nextCall"), help: () => t("live.keys.step"), when: steps },
  { action: "stepLeft", keys: ["left", "h"], label: "←/→", order: 2, bar: () => t("live.key.stepSide"), help: () => t("live.keys.stepSide"), when: (c) => steps(c) && c.twoSides },
  { action: "stepRight", keys: ["right", "l"], label: "→", bar: () => "", help: () => "", when: (c) => steps(c) && c.twoSides },
  { action: "runMode", keys: ["r", "s"], label: "r", order: 3, bar: (c) => (c.mode === "run" ? t("live.key.stepMode") : t("live.key.run")), help: () => t("live.keys.runMode"), when: steps },
  { action: "restart", keys: ["R", "S-r"], label: "R", order: 4, bar: (c) => c.restartLabel, help: (c) => t("live.keys.restart", { label: c.restartLabel }), when: () => true },
  { action: "help", keys: ["?", "S-/"], label: "?", order: 5, bar: () => t("live.key.help"), help: () => t("live.keys.help"), when: () => true },
  { action: "bottom", keys: ["t"], label: "t", order: 6, bar: (c) => (c.bottom === "table" ? t("live.key.timeline") : c.bottom === "timeline" ? t("live.key.wire") : t("live.key.table")), help: () => t("live.keys.bottom"), when: (c) => c.compact },
  { action: "wire", keys: ["w"], label: "w", order: 6.5, bar: (c) => (c.bottom === "wire" ? t("live.key.wireOff") : t("live.key.wire")), help: () => t("live.keys.wire"), when: () => true },
  { action: "focus", keys: ["tab", "S-tab"], label: "Tab", order: 7, bar: () => t("live.key.focus"), help: () => t("live.keys.focus"), when: () => true },
  { action: "select", keys: ["up", "down", "k", "j"], label: "↑/↓", order: 8, bar: () => t("live.key.select"), help: () => t("live.keys.select"), when: () => true },
  { action: "open", keys: ["o"], label: "o", order: 9, bar: () => t("live.key.open"), help: () => t("live.keys.open"), when: (c) => c.hasCalls },
  { action: "page", keys: ["pageup", "pagedown"], label: "PgUp/PgDn", order: 13, bar: () => t("live.key.page"), help: () => t("live.keys.page"), when: () => true },
  { action: "client", keys: ["c"], label: "c", order: 10, bar: () => t("live.key.nextClient"), help: () => t("live.keys.client"), when: (c) => c.clients },
  { action: "slow", keys: ["m"], label: "m", order: 11, bar: () => t("live.key.slow"), help: () => t("live.keys.slow"), when: steps },
  { action: "runtime", keys: ["p"], label: "p", order: 12, bar: (c) => (c.runtime === "python" ? t("live.runtime.node") : t("live.runtime.python")), help: () => t("live.keys.runtime"), when: (c) => c.pythonAvailable },
  { action: "syscalls", keys: ["y"], label: "y", order: 14, bar: (c) => (c.syscalls ? t("live.key.socketCalls") : t("live.key.syscalls")), help: () => t("live.keys.syscalls"), when: (c) => c.straceAvailable },
  { action: "back", keys: ["q", "escape"], label: "q", bar: () => t("live.key.back"), help: () => t("live.keys.back"), when: () => true },
  { action: "quit", keys: ["C-c"], label: "Ctrl-C", bar: () => "", help: () => t("live.keys.quit"), when: () => true },
];

const BY_KEY = new Map<string, KeyEntry>();
for (const e of KEY_TABLE) for (const k of e.keys) BY_KEY.set(k, e);

export function entryFor(key: string): KeyEntry | undefined {
  return BY_KEY.get(key);
}

/** The keys the bar offers now, in its order (the bar itself drops what does not fit). */
export function barEntries(c: KeyContext): KeyEntry[] {
  return KEY_TABLE.filter((e) => e.order !== undefined && e.when(c)).sort((a, b) => a.order! - b.order!);
}

/** The help's full list: every key, with whether it applies now. */
export function helpEntries(c: KeyContext): Array<{ label: string; text: string; now: boolean }> {
  return KEY_TABLE.filter((e) => e.help(c) !== "").map((e) => ({ label: e.label, text: e.help(c), now: e.when(c) }));
}

/**
 * One name per key, whatever decoded it. Node's keypress decoder (shared with
 * inquirer, see ui/keys.ts) reports a lone Esc as "M-escape"; blessed reports
 * Enter twice, as "enter" and then "return" (only "enter" counts: undefined for
 * "return"), and "linefeed" where a terminal sends \n.
 */
export function normalizeKey(full: string | undefined): string | undefined {
  if (full === undefined || full === "return") return undefined;
  if (full === "M-escape") return "escape";
  if (full === "linefeed") return "enter";
  return full;
}
