import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { formatSize } from "../text/units.js";
import { tutor } from "../util/invocation.js";
import { type Styler } from "../util/style.js";
import { keepTogether, wrap } from "../text/wrap.js";
import type { CheckResult, VerifyReport } from "./types.js";

/**
 * The report in words (for a terminal or a log) and as JSON (for editors and scripts).
 * A detail quotes the learner's program (its stderr, paths it bound) and the checks
 * escape those where they quote them; the report escapes every piece once more on the
 * way out, so nothing a checker forgot can reach a terminal (escaping is idempotent).
 */

const safe = (text: string): string => escapeTerminal(text, { keepNewlines: true });

/** A stderr excerpt in a detail (diagnose.ts): its heading line, then lines that start "  | ". */
const STDERR_EXCERPT = /^[^\n]*\n(?: {2}\|[^\n]*\n?)+/m;

export interface JsonReport {
  exercise: string;
  passed: boolean;
  /** The seeds of the run's traffic, in the order each check used them. */
  seeds: number[];
  checks: { name: string; passed: boolean; detail: string }[];
  /** A failure under a seed: the command that sends exactly that traffic again. */
  replay?: string;
}

/**
 * How to run one seed again: `replay(seed)` is the whole command line (from tutor()),
 * built by the verify command, which knows how the program was given.
 */
export type Replay = (seed: number) => string;

/** The failed check that names a seed, if any (the first failure stops the run's story). */
function failedSeed(r: VerifyReport): number | undefined {
  return r.checks.find((c) => !c.passed && !c.skipped)?.seed;
}

/** { exercise, passed, seeds, checks: [{ name, passed, detail }], replay? }; hints and notes go into detail. */
export function jsonReport(r: VerifyReport, replay?: Replay): JsonReport {
  const seed = failedSeed(r);
  return {
    exercise: r.exercise,
    passed: r.passed,
    seeds: [...r.seeds],
    checks: r.checks.map((c) => ({ name: safe(c.name), passed: c.passed, detail: safe([c.detail, c.hint ? t("verify.report.hint", { hint: c.hint }) : ""].filter(Boolean).join("\n")) })),
    ...(seed !== undefined && replay ? { replay: safe(replay(seed)) } : {}),
  };
}

/** How long a check took: "850 ms", "2.0 s". */
function duration(ms: number): string {
  return ms < 1000 ? t("check.time.ms", { n: ms }) : t("check.time.s", { n: (ms / 1000).toFixed(1) });
}

export function formatCheck(raw: CheckResult, s: Styler, width: number, opts: { stderrShownAbove?: boolean } = {}): string {
  const c: CheckResult = { ...raw, name: safe(raw.name), detail: safe(raw.detail), ...(raw.hint !== undefined ? { hint: safe(raw.hint) } : {}) };
  const mark = c.passed ? s.green("✓") : c.skipped ? s.dim("–") : s.red("✗");
  const time = c.ms >= 50 && !c.skipped ? s.dim(`  ${duration(c.ms)}`) : "";
  if (c.skipped) return s.dim(wrap(`${mark} ${t("verify.report.skipped", { name: c.name, why: c.detail })}`, width, "    "));
  // Wrapped like the rest: a long check name ran past 80 columns and the terminal cut a word.
  const head = wrap(`${mark} ${c.passed ? c.name : s.bold(c.name)}${time}`, width, "  ");
  if (c.passed) return c.detail ? `${head}\n${s.dim(wrap(`    ${c.detail}`, width, "    "))}` : head;
  let detail = c.detail;
  if (opts.stderrShownAbove) detail = detail.replace(STDERR_EXCERPT, () => `${t("verify.report.stderrAbove", { prefix: t("verify.programPrefix") })}\n`).replace(/\n$/, "");
  const body = detail.split("\n").map((line) => wrap(`    ${line}`, width, line.startsWith("  ") ? "        " : "    "));
  if (c.hint) body.push(s.cyan(wrap(`    → ${c.hint}`, width, "      ")));
  return [head, ...body].join("\n");
}

/**
 * The last lines of a report. What to do next depends on how the checks ran: a command run
 * once ("command"), `--watch` ("watch": saving runs them again), or the tutor's exercise
 * screen ("tutor": its prompt offers the hint and the solution, so the report does not).
 */
export type SummaryFor = "command" | "watch" | "tutor";

export interface SummaryOptions {
  mode?: SummaryFor;
  /** How to name the command that replays a failing seed (`verify … --seed N`). */
  replay?: Replay;
}

export function formatSummary(r: VerifyReport, s: Styler, width: number, marked: boolean, opts: SummaryOptions = {}): string {
  const mode = opts.mode ?? "command";
  const lines: string[] = [];
  for (const n of r.notes) lines.push(s.yellow(wrap(t("verify.report.note", { note: safe(n) }), width, "      ")));
  if (r.hiddenOutputBytes > 0) lines.push(s.dim(`${t("verify.programPrefix")} ${t("verify.report.moreOutput", { size: formatSize(r.hiddenOutputBytes) })}`));
  const total = r.checks.length;
  const passed = r.checks.filter((c) => c.passed).length;
  if (r.passed) {
    lines.push(s.green(s.bold(t("verify.passed", { total }))) + (marked ? ` ${t("verify.markedPassed", { exercise: r.exercise })}` : ""));
    if (mode !== "tutor") lines.push(wrap(t("verify.report.compare", { command: keepTogether(tutor(`solution ${r.exercise}`)) }), width));
  } else {
    lines.push(s.red(s.bold(t("verify.notYet", { passed, total }))));
    const seed = failedSeed(r);
    // The command on a line of its own, never wrapped: it is there to be copied.
    if (seed !== undefined && opts.replay) lines.push(wrap(t("verify.report.replay", { seed }), width), `  ${safe(opts.replay(seed))}`);
    const command = tutor(`hint ${r.exercise}`);
    if (mode === "command") lines.push(wrap(t("verify.report.fixFirst", { command: keepTogether(command) }), width));
    else if (mode === "watch") lines.push(wrap(t("verify.report.fixFirstWatching", { command: keepTogether(command) }), width));
  }
  return lines.join("\n");
}
