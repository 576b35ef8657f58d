import { escapeTerminal } from "../text/escape.js";
import { wrap, type Styler } from "../util/style.js";
import type { CheckResult, VerifyReport } from "./types.js";

/**
 * The report in words (for a terminal or a log) and as JSON (for editors and scripts).
 * A detail quotes the learner's program (its stderr, paths it bound) and the checks
 * escape those where they quote them; the report escapes every piece once more on the
 * way out, so nothing a checker forgot can reach a terminal (escaping is idempotent).
 */

const safe = (text: string): string => escapeTerminal(text, { keepNewlines: true });

export interface JsonReport {
  exercise: string;
  passed: boolean;
  checks: { name: string; passed: boolean; detail: string }[];
}

/** Exactly { exercise, passed, checks: [{ name, passed, detail }] }; hints and notes go into detail. */
export function jsonReport(r: VerifyReport): JsonReport {
  return {
    exercise: r.exercise,
    passed: r.passed,
    checks: r.checks.map((c) => ({ name: safe(c.name), passed: c.passed, detail: safe([c.detail, c.hint ? `Hint: ${c.hint}.` : ""].filter(Boolean).join("\n")) })),
  };
}

export function formatCheck(raw: CheckResult, s: Styler, width: number, opts: { stderrShownAbove?: boolean } = {}): string {
  const c: CheckResult = { ...raw, name: safe(raw.name), detail: safe(raw.detail), ...(raw.hint !== undefined ? { hint: safe(raw.hint) } : {}) };
  const mark = c.passed ? s.green("✓") : c.skipped ? s.dim("–") : s.red("✗");
  const time = c.ms >= 50 && !c.skipped ? s.dim(`  ${c.ms < 1000 ? `${c.ms} ms` : `${(c.ms / 1000).toFixed(1)} s`}`) : "";
  if (c.skipped) return s.dim(`${mark} ${c.name} (${c.detail})`);
  const head = `${mark} ${c.passed ? c.name : s.bold(c.name)}${time}`;
  if (c.passed) return c.detail ? `${head}\n${s.dim(wrap(`    ${c.detail}`, width, "    "))}` : head;
  let detail = c.detail;
  if (opts.stderrShownAbove) detail = detail.replace(/^Its stderr[^\n]*:\n(?: {2}\|[^\n]*\n?)+/m, "Its stderr is shown above (the [your program] lines).\n").replace(/\n$/, "");
  const body = detail.split("\n").map((line) => wrap(`    ${line}`, width, line.startsWith("  ") ? "        " : "    "));
  if (c.hint) body.push(s.cyan(wrap(`    → ${c.hint}`, width, "      ")));
  return [head, ...body].join("\n");
}

export function formatSummary(r: VerifyReport, s: Styler, width: number, marked: boolean): string {
  const lines: string[] = [];
  for (const n of r.notes) lines.push(s.yellow(wrap(`Note: ${safe(n)}`, width, "      ")));
  if (r.hiddenOutputBytes > 0) lines.push(s.dim(`[your program] … ${formatBytes(r.hiddenOutputBytes)} more output not shown`));
  const total = r.checks.length;
  const passed = r.checks.filter((c) => c.passed).length;
  if (r.passed) {
    lines.push(s.green(s.bold(`Passed: all ${total} checks.`)) + (marked ? ` ${r.exercise} is marked as passed.` : ""));
    lines.push(wrap(`Compare with the reference solutions: socket-tutor solution ${r.exercise}`, width));
  } else {
    lines.push(s.red(s.bold(`Not yet: ${passed} of ${total} checks passed.`)));
    lines.push(wrap(`Fix the first failure, then run the same command again (add --watch to re-run on every save). Stuck? socket-tutor hint ${r.exercise}`, width));
  }
  return lines.join("\n");
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
