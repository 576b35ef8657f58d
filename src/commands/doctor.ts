import { execFile } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { progressDir } from "../progress/store.js";
import { colourEnabled, makeStyle, terminalWidth } from "../util/style.js";
import { wrap } from "../text/wrap.js";
import { which } from "../util/which.js";
import { compilerInstallHint, findCompiler } from "../check/compiler.js";
import { sandboxSupport } from "../sandbox/namespace.js";
import { subreaperWrap } from "../sandbox/reaper.js";
import { captureSupport } from "../demo/capture/support.js";
import { parseCommandArgs } from "./args.js";
import { commandHelp } from "./registry.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { displayWidth, padEnd } from "../text/width.js";
import { tutor } from "../util/invocation.js";
import { listOf } from "../text/list.js";

type Level = "ok" | "warn" | "fail";
interface Finding {
  what: string;
  level: Level;
  detail: string;
}

function exec(cmd: string, args: string[], timeoutMs = 3000): Promise<{ ok: boolean; out: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, encoding: "utf8" }, (err, stdout, stderr) => resolve({ ok: !err, out: `${stdout}${stderr}`.trim() }));
  });
}

function canListen(options: net.ListenOptions): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    server.listen(options, () => server.close(() => resolve(undefined)));
  });
}

async function checkNode(): Promise<Finding> {
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  // 20.6 is the first Node 20 with module.register/--import, which the Node demos' tracer uses.
  const ok = major > 20 || (major === 20 && minor >= 6);
  return { what: t("doctor.node"), level: ok ? "ok" : "fail", detail: ok ? process.version : t("doctor.node.tooOld", { version: process.version }) };
}

async function checkPython(): Promise<Finding> {
  const exe = which("python3");
  const what = t("doctor.python");
  if (!exe) return { what, level: "warn", detail: t("doctor.python.missing") };
  const r = await exec(exe, ["-c", "import sys; print('%d.%d.%d' % sys.version_info[:3]); print(sys.executable)"]);
  if (!r.ok) return { what, level: "warn", detail: t("doctor.python.broken", { exe, output: escapeTerminal(r.out.split("\n")[0] ?? "") }) };
  const [version = "", real = exe] = r.out.split("\n");
  const [maj = 0, min = 0] = version.split(".").map(Number);
  const good = maj > 3 || (maj === 3 && min >= 8);
  return { what, level: good ? "ok" : "warn", detail: t(good ? "doctor.python.good" : "doctor.python.old", { version: escapeTerminal(version), path: escapeTerminal(real) }) };
}

async function checkStrace(): Promise<Finding> {
  const what = t("doctor.strace");
  if (process.platform !== "linux") return { what, level: "warn", detail: t("doctor.strace.notLinux", { platform: process.platform }) };
  const exe = which("strace");
  if (!exe) return { what, level: "warn", detail: t("doctor.strace.missing") };
  const r = await exec(exe, ["-f", "-qq", "-e", "trace=none", "true"]);
  return r.ok
    ? { what, level: "ok", detail: t("doctor.strace.works", { exe }) }
    : { what, level: "warn", detail: t("doctor.strace.blocked", { exe, error: escapeTerminal(r.out.split("\n")[0] ?? "?") }) };
}

async function checkSocketTable(): Promise<Finding> {
  if (process.platform === "linux") {
    const readable = ["tcp", "tcp6", "udp", "udp6", "unix"].filter((f) => {
      try {
        accessSync(`/proc/net/${f}`, constants.R_OK);
        return true;
      } catch {
        return false;
      }
    });
    if (readable.length === 5) return { what: t("doctor.table"), level: "ok", detail: t("doctor.table.proc") };
    return { what: t("doctor.table"), level: "warn", detail: t("doctor.table.partial", { readable: listOf(readable) || t("doctor.table.none") }) };
  }
  const lsof = which("lsof");
  if (lsof) return { what: t("doctor.table"), level: "ok", detail: t("doctor.table.lsof", { platform: process.platform, lsof }) };
  return { what: t("doctor.table"), level: "warn", detail: t("doctor.table.nothing", { platform: process.platform }) };
}

async function checkLoopback(): Promise<Finding[]> {
  const v4 = await canListen({ host: "127.0.0.1", port: 0 });
  const v6 = await canListen({ host: "::1", port: 0, ipv6Only: true });
  const dir = mkdtempSync(path.join(os.tmpdir(), "socket-tutor-doctor-"));
  const unix = process.platform === "win32" ? t("doctor.unix.windows") : await canListen({ path: path.join(dir, "s") });
  rmSync(dir, { recursive: true, force: true });
  return [
    { what: t("doctor.v4"), level: v4 ? "fail" : "ok", detail: v4 ? t("doctor.v4.fail", { error: v4 }) : t("doctor.v4.ok") },
    { what: t("doctor.v6"), level: v6 ? "warn" : "ok", detail: v6 ? t("doctor.v6.fail", { error: v6 }) : t("doctor.v6.ok") },
    { what: t("doctor.unix"), level: unix ? "warn" : "ok", detail: unix ? t("doctor.unix.fail", { dir: os.tmpdir(), error: unix }) : t("doctor.unix.ok", { dir: os.tmpdir() }) },
  ];
}

function checkTerminal(): Finding {
  if (!process.stdout.isTTY) return { what: t("doctor.terminal"), level: "warn", detail: t("doctor.terminal.notTty") };
  const cols = process.stdout.columns ?? 0;
  const rows = process.stdout.rows ?? 0;
  const colours = process.env.NO_COLOR ? t("doctor.terminal.noColour") : t("doctor.terminal.colours", { bits: process.stdout.getColorDepth?.() ?? 1 });
  const small = cols < 100 || rows < 30;
  return {
    what: t("doctor.terminal"),
    level: cols < 40 || rows < 12 ? "fail" : small ? "warn" : "ok",
    detail: t("doctor.terminal.detail", { cols, rows, colours, term: escapeTerminal(process.env.TERM ?? t("doctor.terminal.unset")) }) + (small ? t("doctor.terminal.small") : ""),
  };
}

function checkProgressDir(): Finding {
  const dir = progressDir();
  let probe = dir;
  while (probe !== path.dirname(probe)) {
    try {
      accessSync(probe, constants.W_OK);
      return { what: t("doctor.progress"), level: "ok", detail: t("doctor.progress.ok", { dir }) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") break;
      probe = path.dirname(probe);
    }
  }
  return { what: t("doctor.progress"), level: "warn", detail: t("doctor.progress.notWritable", { dir }) };
}

async function checkSandbox(): Promise<Finding> {
  const s = await sandboxSupport();
  if (s.available) return { what: t("doctor.sandbox"), level: "ok", detail: t("doctor.sandbox.ok") };
  // The fallback: on Linux with python3, verify's subreaper still ends escaped children.
  const why = s.reason ?? "?";
  return { what: t("doctor.sandbox"), level: "warn", detail: (await subreaperWrap()) ? t("doctor.sandbox.offReaped", { why }) : t("doctor.sandbox.off", { why }) };
}

async function checkCapture(): Promise<Finding> {
  const c = await captureSupport();
  return c.available
    ? { what: t("doctor.wire"), level: "ok", detail: t("doctor.wire.ok", { python: escapeTerminal(c.python ?? "python3"), command: tutor("demo tcp-step-by-step --plain --packets") }) }
    : { what: t("doctor.wire"), level: "warn", detail: c.reason ?? "?" };
}

/** Whether verify can build a .c file: the compiler it would use, and its version; else what to install. */
async function checkCompiler(): Promise<Finding> {
  const what = t("doctor.cc");
  const compiler = findCompiler();
  if (!compiler) return { what, level: "warn", detail: t("doctor.cc.missing", { install: compilerInstallHint(), command: tutor("verify <exercise> -- ./program") }) };
  const r = await exec(compiler, ["--version"]);
  const version = escapeTerminal(r.out.split("\n")[0] ?? "");
  return r.ok ? { what, level: "ok", detail: t("doctor.cc.ok", { path: escapeTerminal(compiler), version }) } : { what, level: "warn", detail: t("doctor.cc.broken", { path: escapeTerminal(compiler), output: version }) };
}

/** Windows runs the tutor through WSL: say how, first. */
function checkPlatform(): Finding[] {
  return process.platform === "win32" ? [{ what: t("doctor.platform"), level: "fail", detail: t("doctor.platform.windows") }] : [];
}

export async function runDoctor(): Promise<Finding[]> {
  const [node, python, cc, strace, table, loop, sandbox, capture] = await Promise.all([checkNode(), checkPython(), checkCompiler(), checkStrace(), checkSocketTable(), checkLoopback(), checkSandbox(), checkCapture()]);
  return [...checkPlatform(), node, python, cc, strace, table, ...loop, sandbox, capture, checkTerminal(), checkProgressDir()];
}



export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs("doctor", argv, {});
  if (values.help) {
    process.stdout.write(commandHelp("doctor", t("doctor.help")));
    return 0;
  }
  const s = makeStyle(colourEnabled());
  const findings = await runDoctor();
  const words: Record<Level, string> = { ok: t("doctor.ok"), warn: t("doctor.warn"), fail: t("doctor.fail") };
  const markWidth = Math.max(...Object.values(words).map(displayWidth));
  const mark: Record<Level, string> = { ok: s.green(padEnd(words.ok, markWidth)), warn: s.yellow(padEnd(words.warn, markWidth)), fail: s.red(padEnd(words.fail, markWidth)) };
  const width = terminalWidth();
  const label = Math.max(...findings.map((f) => displayWidth(f.what)));
  for (const f of findings) {
    const prefix = `${mark[f.level]}  ${padEnd(f.what, label)}  `;
    process.stdout.write(wrap(`${prefix}${f.detail}`, width, " ".repeat(label + markWidth + 4)) + "\n");
  }
  const failed = findings.filter((f) => f.level === "fail");
  process.stdout.write(failed.length ? `\n${t("doctor.problems", { n: failed.length })}\n` : `\n${t("doctor.allGood")}\n`);
  return failed.length ? 1 : 0;
}
