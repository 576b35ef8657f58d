import { see } from "./lessons.js";
import { displayLine } from "./output.js";
import type { ExitInfo, ProgramView } from "./program.js";
import type { ProgramEnv } from "./types.js";

/** Words and excerpts that turn "it failed" into "here is why". */

export function describeExit(e: ExitInfo): string {
  if (e.signal) return `was killed by ${e.signal}`;
  return `exited with code ${e.code}`;
}

/** The last lines of stderr, escaped and cut like output lines (see output.ts), indented; or a note that there was none. */
export function stderrExcerpt(p: ProgramView, maxLines = 12): string {
  const bytes = p.stderrTailBytes();
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d || bytes[end - 1] === 0x20 || bytes[end - 1] === 0x09)) end--;
  if (end === 0) return "It printed nothing on stderr.";
  const lines: Buffer[] = [];
  for (let start = 0; start <= end; ) {
    const nl = bytes.indexOf(0x0a, start);
    const stop = nl < 0 || nl > end ? end : nl;
    lines.push(bytes.subarray(start, stop));
    start = stop + 1;
  }
  const shown = lines.slice(-maxLines).map((l) => `  | ${displayLine(l)}`);
  return [`Its stderr${lines.length > maxLines ? ` (last ${maxLines} lines)` : ""}:`, ...shown].join("\n");
}

/** Known error texts (Python and Node wordings) and what they usually mean here. */
export function crashHints(stderr: string, env: ProgramEnv): string[] {
  const hints: string[] = [];
  const has = (re: RegExp): boolean => re.test(stderr);
  for (const name of ["HOST", "PORT", "SOCKET_PATH", "MESSAGE"] as const) {
    if (env[name] !== undefined) continue;
    if (has(new RegExp(`KeyError: '${name}'`)) || has(new RegExp(`process\\.env\\.${name}`))) {
      hints.push(`${name} is not set for this exercise: ${name === "PORT" || name === "HOST" ? "it uses SOCKET_PATH (a Unix socket), not HOST and PORT" : "this exercise does not use it"}.`);
    }
  }
  if (has(/Address already in use|EADDRINUSE/)) hints.push("The address is already in use: another program holds that port (an earlier run of yours still going?). Bind PORT from the environment: the checker picks a free one.");
  if (has(/Address family for hostname not supported|EAFNOSUPPORT|\[Errno 97\]/)) hints.push(`The socket's address family does not match the address: an AF_INET socket takes IPv4 addresses like 127.0.0.1, AF_INET6 takes IPv6 ones like ::1 (${see("address-families")}).`);
  if (has(/Cannot assign requested address|EADDRNOTAVAIL/)) hints.push("That address does not belong to this machine: bind HOST, which the checker sets to a loopback address.");
  if (has(/Connection refused|ECONNREFUSED/)) hints.push(`Connection refused: nothing listens where your program connected. Connect to HOST and PORT from the environment (${see("client-calls", "ECONNREFUSED")}).`);
  if (has(/EOFError|input\(\)/)) hints.push("Your program read from its input: the checker gives it none (stdin is empty). Take everything from the environment instead.");
  if (has(/UnicodeDecodeError/)) hints.push("The bytes were not valid UTF-8 text: work with bytes, do not decode them (the checker sends any byte values).");
  if (has(/ConnectionResetError|ECONNRESET|BrokenPipeError|EPIPE/)) hints.push(`The peer closed or reset the connection and your program did not expect it: a server must survive one client going away (${see("closing")}).`);
  return hints;
}

/** "Your program exited with code 1 …" with stderr and hints, for a check that saw it die. */
export function exitStory(p: ProgramView, env: ProgramEnv, when: string): string {
  const e = p.exit()!;
  const lines = [`Your program ${describeExit(e)} ${when}.`, stderrExcerpt(p)];
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
  return `It used ${(used / 1000).toFixed(1)} s of CPU in ${(wallMs / 1000).toFixed(1)} s, and it is running rather than waiting: it is spinning in a loop.`;
}

export function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}
