import { execFile } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { progressDir } from "../progress/store.js";
import { colourEnabled, makeStyle, terminalWidth, wrap } from "../util/style.js";
import { which } from "../util/which.js";
import { parseCommandArgs } from "./args.js";
import { helpText } from "./context.js";

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
  return { what: "Node.js", level: ok ? "ok" : "fail", detail: `${process.version}${ok ? "" : " (socket-tutor needs 20.6 or newer)"}` };
}

async function checkPython(): Promise<Finding> {
  const exe = which("python3");
  if (!exe) return { what: "Python 3", level: "warn", detail: "not found: demos run in Node.js only; Python shows the BSD calls one to one, so install python3 (3.8+) if you can" };
  const r = await exec(exe, ["-c", "import sys; print('%d.%d.%d' % sys.version_info[:3]); print(sys.executable)"]);
  if (!r.ok) return { what: "Python 3", level: "warn", detail: `${exe} is on PATH but did not run: ${r.out.split("\n")[0] ?? ""}` };
  const [version = "", real = exe] = r.out.split("\n");
  const [maj = 0, min = 0] = version.split(".").map(Number);
  const good = maj > 3 || (maj === 3 && min >= 8);
  return { what: "Python 3", level: good ? "ok" : "warn", detail: `${version} at ${real}${good ? " (Python demos are the default)" : " (3.8 or newer needed for the Python demos; Node.js demos still work)"}` };
}

async function checkStrace(): Promise<Finding> {
  if (process.platform !== "linux") return { what: "strace", level: "warn", detail: `not available on ${process.platform}: the syscall view is Linux-only; the traced calls and the socket table still work` };
  const exe = which("strace");
  if (!exe) return { what: "strace", level: "warn", detail: "not installed: the syscall view is off (install the 'strace' package to see the kernel calls behind each step)" };
  const r = await exec(exe, ["-f", "-qq", "-e", "trace=none", "true"]);
  return r.ok
    ? { what: "strace", level: "ok", detail: `${exe} works (the syscall view is available)` }
    : { what: "strace", level: "warn", detail: `${exe} is installed but cannot trace here (${r.out.split("\n")[0] ?? "unknown error"}); often ptrace is restricted in containers` };
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
    if (readable.length === 5) return { what: "Socket table", level: "ok", detail: "read from /proc/net/{tcp,tcp6,udp,udp6,unix}" };
    return { what: "Socket table", level: "warn", detail: `only ${readable.join(", ") || "none"} of /proc/net/{tcp,tcp6,udp,udp6,unix} readable: the table shows what it can` };
  }
  const lsof = which("lsof");
  if (lsof) return { what: "Socket table", level: "ok", detail: `no /proc/net on ${process.platform}: read with ${lsof} (refreshes more slowly; queue sizes from netstat)` };
  return { what: "Socket table", level: "warn", detail: `no /proc/net and no lsof on ${process.platform}: the kernel table pane will say it cannot read the table` };
}

async function checkLoopback(): Promise<Finding[]> {
  const v4 = await canListen({ host: "127.0.0.1", port: 0 });
  const v6 = await canListen({ host: "::1", port: 0, ipv6Only: true });
  const dir = mkdtempSync(path.join(os.tmpdir(), "socket-tutor-doctor-"));
  const unix = process.platform === "win32" ? "not supported on Windows" : await canListen({ path: path.join(dir, "s") });
  rmSync(dir, { recursive: true, force: true });
  return [
    { what: "Loopback IPv4", level: v4 ? "fail" : "ok", detail: v4 ? `cannot bind 127.0.0.1 (${v4}): the demos and checks need it` : "127.0.0.1 can be bound" },
    { what: "Loopback IPv6", level: v6 ? "warn" : "ok", detail: v6 ? `cannot bind ::1 (${v6}): the IPv6 demo and exercise will be skipped` : "::1 can be bound" },
    { what: "Unix sockets", level: unix ? "warn" : "ok", detail: unix ? `cannot bind a Unix socket in ${os.tmpdir()} (${unix})` : `a socket path in ${os.tmpdir()} can be bound` },
  ];
}

function checkTerminal(): Finding {
  if (!process.stdout.isTTY) return { what: "Terminal", level: "warn", detail: "output is not a terminal: 'start' and the live view need one; 'list', 'show' and 'demo --plain' work anywhere" };
  const cols = process.stdout.columns ?? 0;
  const rows = process.stdout.rows ?? 0;
  const colours = process.env.NO_COLOR ? "no colour (NO_COLOR is set)" : `${process.stdout.getColorDepth?.() ?? 1}-bit colour`;
  const small = cols < 100 || rows < 30;
  return {
    what: "Terminal",
    level: cols < 40 || rows < 12 ? "fail" : small ? "warn" : "ok",
    detail: `${cols}x${rows}, ${colours}, TERM=${process.env.TERM ?? "unset"}${small ? "; the live view is best at 100x30 or larger" : ""}`,
  };
}

function checkProgressDir(): Finding {
  const dir = progressDir();
  let probe = dir;
  while (probe !== path.dirname(probe)) {
    try {
      accessSync(probe, constants.W_OK);
      return { what: "Progress", level: "ok", detail: `saved in ${dir}` };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") break;
      probe = path.dirname(probe);
    }
  }
  return { what: "Progress", level: "warn", detail: `${dir} is not writable: progress will not be saved (set SOCKET_TUTOR_HOME to a writable folder)` };
}

export async function runDoctor(): Promise<Finding[]> {
  const [node, python, strace, table, loop] = await Promise.all([checkNode(), checkPython(), checkStrace(), checkSocketTable(), checkLoopback()]);
  return [node, python, strace, table, ...loop, checkTerminal(), checkProgressDir()];
}



export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs("doctor", argv, {}, false);
  if (values.help) {
    process.stdout.write(helpText("doctor", "Check what this machine offers the tutor: Node.js, Python, strace, the kernel's socket table, loopback addresses, the terminal, and where progress is saved."));
    return 0;
  }
  const s = makeStyle(colourEnabled());
  const findings = await runDoctor();
  const mark: Record<Level, string> = { ok: s.green("ok  "), warn: s.yellow("note"), fail: s.red("FAIL") };
  const width = terminalWidth();
  const label = Math.max(...findings.map((f) => f.what.length));
  for (const f of findings) {
    const prefix = `${mark[f.level]}  ${f.what.padEnd(label)}  `;
    process.stdout.write(wrap(`${prefix}${f.detail}`, width, " ".repeat(label + 8)) + "\n");
  }
  const failed = findings.filter((f) => f.level === "fail");
  process.stdout.write(failed.length ? `\n${failed.length} problem${failed.length > 1 ? "s" : ""} above will stop parts of the tutor from working.\n` : "\nEverything the tutor needs is here.\n");
  return failed.length ? 1 : 0;
}
