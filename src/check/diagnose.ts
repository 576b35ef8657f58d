import { t } from "../text/catalog.js";
import { see } from "./lessons.js";
import { displayLine } from "./output.js";
import type { ExitInfo, ProgramView } from "./program.js";
import type { ProgramEnv } from "./types.js";

/** Words and excerpts that turn "it failed" into "here is why". */

/** Exits already put into words: the harness adds the story only to a detail that does not tell it yet. */
const described = new WeakSet<ExitInfo>();

/** "exited with code 1", "was killed by SIGSEGV": completes "Your program …". */
export function describeExit(e: ExitInfo): string {
  described.add(e);
  if (e.signal) return t("check.exit.killed", { signal: e.signal });
  return t("check.exit.code", { code: String(e.code) });
}

/** Whether some text (a check's detail) has already described this exit. */
export function exitDescribed(e: ExitInfo): boolean {
  return described.has(e);
}

/** The last lines of stderr, escaped and cut like output lines (see output.ts), indented; or a note that there was none. */
export function stderrExcerpt(p: ProgramView, maxLines = 12): string {
  const bytes = p.stderrTailBytes();
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d || bytes[end - 1] === 0x20 || bytes[end - 1] === 0x09)) end--;
  if (end === 0) return t("check.stderr.none");
  const lines: Buffer[] = [];
  for (let start = 0; start <= end; ) {
    const nl = bytes.indexOf(0x0a, start);
    const stop = nl < 0 || nl > end ? end : nl;
    lines.push(bytes.subarray(start, stop));
    start = stop + 1;
  }
  // The excerpt's shape (a heading line, then "  | " lines) is what report.ts recognises.
  const shown = lines.slice(-maxLines).map((l) => `  | ${displayLine(l)}`);
  return [lines.length > maxLines ? t("check.stderr.headingLast", { n: maxLines }) : t("check.stderr.heading"), ...shown].join("\n");
}

/** Known error texts (Python and Node wordings) and what they usually mean here. */
export function crashHints(stderr: string, env: ProgramEnv): string[] {
  const hints: string[] = [];
  const has = (re: RegExp): boolean => re.test(stderr);
  for (const name of ["HOST", "PORT", "SOCKET_PATH", "MESSAGE"] as const) {
    if (env[name] !== undefined) continue;
    if (has(new RegExp(`KeyError: '${name}'`)) || has(new RegExp(`process\\.env\\.${name}`))) {
      hints.push(name === "PORT" || name === "HOST" ? t("check.crash.notSetUnix", { name }) : t("check.crash.notSet", { name }));
    }
  }
  if (has(/Address already in use|EADDRINUSE/)) hints.push(t("check.crash.inUse"));
  if (has(/Address family for hostname not supported|EAFNOSUPPORT|\[Errno 97\]/)) hints.push(t("check.crash.family", { see: see("address-families") }));
  if (has(/Cannot assign requested address|EADDRNOTAVAIL/)) hints.push(t("check.crash.notLocal"));
  if (has(/Connection refused|ECONNREFUSED/)) hints.push(t("check.crash.refused", { see: see("client-calls", "ECONNREFUSED") }));
  if (has(/EOFError|input\(\)/)) hints.push(t("check.crash.input"));
  if (has(/UnicodeDecodeError/)) hints.push(t("check.crash.unicode"));
  if (has(/BlockingIOError|EAGAIN|EWOULDBLOCK|Resource temporarily unavailable/)) hints.push(t("check.crash.eagain", { see: see("many-clients", t("check.topic.selectRules")) }));
  if (has(/ConnectionResetError|ECONNRESET|BrokenPipeError|EPIPE/)) hints.push(t("check.crash.reset", { see: see("closing") }));
  return hints;
}

/**
 * "Your program exited with code 1 …" with stderr and hints, for a check that saw it die.
 * `when` completes the sentence: "during this check", "right after that".
 */
export function exitStory(p: ProgramView, env: ProgramEnv, when: string): string {
  const e = p.exit()!;
  const lines = [t("check.exit.story", { exit: describeExit(e), when }), stderrExcerpt(p)];
  for (const h of crashHints(p.stderrTail(), env)) lines.push(h);
  return lines.join("\n");
}

/**
 * "It used 1.9 s of CPU in 2.0 s": busy looping shows up here. On a loaded machine a
 * spinning program gets only its share of the CPU, so a smaller share counts when the
 * kernel also finds it running (state R) rather than waiting, sample after sample.
 */
export async function cpuNote(p: ProgramView | undefined, cpuBefore: number | undefined, wallMs: number): Promise<string | undefined> {
  const cpuAfter = p?.cpuMs();
  if (!p || cpuBefore === undefined || cpuAfter === undefined) return undefined;
  const used = cpuAfter - cpuBefore;
  let spinning = used >= wallMs * 0.5;
  if (!spinning && used >= wallMs * 0.05) {
    let running = 0;
    for (let i = 0; i < 5; i++) {
      if (p.running()) running++;
      await new Promise((r) => setTimeout(r, 5));
    }
    spinning = running >= 3;
  }
  if (!spinning) return undefined;
  return t("check.cpu.spinning", { used: (used / 1000).toFixed(1), wall: (wallMs / 1000).toFixed(1) });
}

/** "300 ms", "2 s", "2.5 s". */
export function seconds(ms: number): string {
  return ms < 1000 ? t("check.time.ms", { n: ms }) : t("check.time.s", { n: (ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1) });
}
