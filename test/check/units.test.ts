import assert from "node:assert/strict";
import net from "node:net";
import { describe, it } from "node:test";
import { describeDifference, escapeBytes, firstDifference, patternBytes, showBytes } from "../../src/check/bytes.js";
import { LiveConsole } from "../../src/check/console.js";
import { displayLine } from "../../src/check/output.js";
import { programEnvironment } from "../../src/check/harness.js";
import { decodeAddress, readInetTable, socketInodes, type InetSocket, type KernelSocket } from "../../src/check/procnet.js";
import { covers, explainSockets, findBound } from "../../src/check/ready.js";
import { formatCheck, jsonReport } from "../../src/check/report.js";
import { autoTimeScale } from "../../src/check/timing.js";
import type { HarnessEvent, VerifyReport } from "../../src/check/types.js";
import { makeStyle } from "../../src/util/style.js";

const tcpListen = (addr: string, port: number, table: "tcp" | "tcp6" = addr.includes(":") ? "tcp6" : "tcp"): InetSocket => ({
  table,
  localAddress: addr,
  localPort: port,
  remoteAddress: table === "tcp" ? "0.0.0.0" : "::",
  remotePort: 0,
  state: "LISTEN",
  inode: 1,
});

describe("bytes", () => {
  it("escapes like a Python bytes literal", () => {
    assert.equal(escapeBytes(Buffer.from("a\n\r\t\\'\x00\xff", "latin1")), "a\\n\\r\\t\\\\\\'\\x00\\xff");
    assert.equal(showBytes(Buffer.alloc(0)), "b'' (nothing)");
    assert.match(showBytes(Buffer.alloc(100, 0x61), 10), /^b'aaaaaaaaaa'… \(100 bytes\)$/);
  });

  it("finds and shows where two byte strings differ", () => {
    assert.equal(firstDifference(Buffer.from("abc"), Buffer.from("abc")), -1);
    assert.equal(firstDifference(Buffer.from("abc"), Buffer.from("abd")), 2);
    assert.equal(firstDifference(Buffer.from("abc"), Buffer.from("ab")), 2);
    const big = patternBytes(262144);
    assert.match(describeDifference(big, big.subarray(0, 1024)), /got the first 1024 of 262144 bytes \(256 KiB\)/);
    const mangled = Buffer.concat([Buffer.from([1, 2]), Buffer.from([0xef, 0xbf, 0xbd])]);
    const d = describeDifference(Buffer.from([1, 2, 0xff]), mangled);
    assert.match(d, /first difference at byte 2/);
    assert.match(d, /U\+FFFD/);
  });

  it("pattern bytes use every byte value and do not repeat in short periods", () => {
    const p = patternBytes(65536);
    assert.equal(new Set(p).size, 256);
    assert.notDeepEqual(p.subarray(0, 1024), p.subarray(1024, 2048));
  });

  it("terminal escape sequences in the learner's output are shown, not obeyed", () => {
    assert.equal(displayLine(Buffer.from("\x1b[2Jhi\x07\u009b\u202e")), "\\x1b[2Jhi\\x07\\x9b\\u202e");
  });
});

describe("procnet", () => {
  it("decodes /proc/net addresses (host byte order per 32-bit word)", () => {
    assert.equal(decodeAddress("0100007F"), "127.0.0.1");
    assert.equal(decodeAddress("00000000"), "0.0.0.0");
    assert.equal(decodeAddress("00000000000000000000000001000000"), "::1");
    assert.equal(decodeAddress("00000000000000000000000000000000"), "::");
    assert.equal(decodeAddress("0000000000000000FFFF00000100007F"), "::ffff:127.0.0.1");
  });

  it("finds a listening socket of this process in the kernel's table, by inode", async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const row = readInetTable("tcp")!.find((s) => s.localPort === port && s.state === "LISTEN");
      assert.ok(row, "the LISTEN row is in /proc/net/tcp");
      assert.equal(row.localAddress, "127.0.0.1");
      assert.ok(socketInodes(process.pid).has(row.inode), "and its inode is one of our fds");
    } finally {
      server.close();
    }
  });
});

describe("readiness and what a program bound instead", () => {
  it("a wildcard or dual-stack listener covers the loopback address", () => {
    assert.ok(covers("127.0.0.1", "127.0.0.1"));
    assert.ok(covers("0.0.0.0", "127.0.0.1"));
    assert.ok(covers("::", "127.0.0.1"));
    assert.ok(covers("::", "::1"));
    assert.ok(!covers("0.0.0.0", "::1"));
    assert.ok(!covers("127.0.0.1", "::1"));
    assert.ok(findBound({ kind: "tcp", host: "::1", port: 5 }, [tcpListen("::1", 5)]));
    assert.equal(findBound({ kind: "tcp", host: "::1", port: 5 }, [tcpListen("127.0.0.1", 5)]), undefined);
  });

  it("names a hard-coded port, the wrong family, the wrong protocol, the wrong path", () => {
    const target = { kind: "tcp" as const, host: "127.0.0.1", port: 41234 };
    assert.match(explainSockets([tcpListen("127.0.0.1", 8000)], target).join(), /listening on 127\.0\.0\.1:8000, but the checker asked for PORT=41234/);
    assert.match(explainSockets([tcpListen("127.0.0.1", 41234)], { kind: "tcp", host: "::1", port: 41234 }).join(), /127\.0\.0\.1:41234 \(IPv4\), but HOST is ::1 \(IPv6\)/);
    assert.match(explainSockets([tcpListen("127.0.0.1", 41234)], { kind: "udp", host: "127.0.0.1", port: 41234 }).join(), /listening on TCP .* needs a UDP socket/);
    const unix: KernelSocket = { table: "unix", path: "/tmp/x/other.sock", type: "STREAM", listening: true, inode: 2 };
    assert.match(explainSockets([unix], { kind: "unix", path: "/tmp/x/echo.sock" }).join(), /bound a Unix socket at \/tmp\/x\/other\.sock, but SOCKET_PATH is \/tmp\/x\/echo\.sock/);
    const bound: InetSocket = { ...tcpListen("127.0.0.1", 41234), state: "CLOSE" };
    assert.match(explainSockets([bound], target).join(), /has not called listen\(\)/);
    assert.deepEqual(explainSockets([tcpListen("127.0.0.1", 41234)], target), []);
  });
});

describe("waits on a busy machine", () => {
  it("SOCKET_TUTOR_TIME_SCALE stretches every wait, within bounds; nonsense is ignored", () => {
    assert.equal(autoTimeScale({ SOCKET_TUTOR_TIME_SCALE: "3" }).factor, 3);
    assert.equal(autoTimeScale({ SOCKET_TUTOR_TIME_SCALE: "50" }).factor, 10);
    const auto = autoTimeScale({ SOCKET_TUTOR_TIME_SCALE: "fast" }).factor;
    assert.ok(auto >= 1 && auto <= 4);
  });
});

describe("the program's environment", () => {
  it("replaces the contract's names: a PORT from the learner's shell does not leak in", () => {
    const env = programEnvironment({ SOCKET_PATH: "/tmp/s" }, { PATH: "/bin", PORT: "3000", HOST: "example.com" });
    assert.equal(env.PORT, undefined);
    assert.equal(env.HOST, undefined);
    assert.equal(env.SOCKET_PATH, "/tmp/s");
    assert.equal(env.PATH, "/bin");
    assert.equal(env.PYTHONUNBUFFERED, "1");
  });
});

describe("reports", () => {
  const report: VerifyReport = {
    exercise: "tcp-echo",
    passed: false,
    checks: [
      { name: "starts", passed: true, detail: "listening after 5 ms", ms: 5 },
      { name: "echoes", passed: false, detail: "got nothing\nIts stderr:\n  | Traceback\n  | Boom", hint: "see lesson 5, The server's calls", ms: 2000 },
      { name: "later", passed: false, skipped: true, detail: "not run: an earlier check failed", ms: 0 },
    ],
    seeds: [1, 2, 3, 4, 99],
    notes: [],
    command: { file: "python3", args: ["x.py"], cwd: "/tmp", display: "python3 x.py" },
    env: { HOST: "127.0.0.1", PORT: "1" },
    pids: [],
    exits: [],
    hiddenOutputBytes: 0,
    ms: 10,
    cancelled: false,
  };

  it("JSON has exactly exercise, passed, seeds, checks[name, passed, detail], hints folded into detail", () => {
    const j = jsonReport(report);
    assert.deepEqual(Object.keys(j), ["exercise", "passed", "seeds", "checks"]);
    assert.deepEqual(j.seeds, [1, 2, 3, 4, 99]);
    assert.deepEqual(Object.keys(j.checks[0]!), ["name", "passed", "detail"]);
    assert.match(j.checks[1]!.detail, /Hint: see lesson 5/);
  });

  it("JSON adds the replay command when the failure came with a seed", () => {
    const seeded: VerifyReport = { ...report, checks: report.checks.map((c, i) => (i === 1 ? { ...c, seed: 3 } : c)) };
    const j = jsonReport(seeded, (seed) => `socket-tutor verify tcp-echo x.py --seed ${seed}`);
    assert.deepEqual(Object.keys(j), ["exercise", "passed", "seeds", "checks", "replay"]);
    assert.equal(j.replay, "socket-tutor verify tcp-echo x.py --seed 3");
    assert.deepEqual(Object.keys(jsonReport(report, (seed) => String(seed))), ["exercise", "passed", "seeds", "checks"], "no seed, no replay");
  });

  it("text marks each check; a stderr excerpt already shown live is not repeated", () => {
    const s = makeStyle(false);
    assert.match(formatCheck(report.checks[1]!, s, 100), /^✗ echoes {2}2\.0 s\n {4}got nothing\n {4}Its stderr:\n {6}\| Traceback/);
    const deduped = formatCheck(report.checks[1]!, s, 100, { stderrShownAbove: true });
    assert.match(deduped, /Its stderr is shown above/);
    assert.doesNotMatch(deduped, /Traceback/);
    assert.match(formatCheck(report.checks[2]!, s, 100), /^– later \(not run: an earlier check failed\)$/);
    // A long name is wrapped at a space, its time included: no word cut by the terminal at 80 columns.
    const long = { ...report.checks[1]!, name: 'answers 1.5, "3", true or null among the numbers with an error line, then closes', ms: 109 };
    const head = formatCheck(long, s, 80).split("\n").slice(0, 2);
    assert.deepEqual(head, ['✗ answers 1.5, "3", true or null among the numbers with an error line, then', "  closes  109 ms"]);
  });

  it("the live console says once where the program runs; a program started again gets one short line", () => {
    let written = "";
    const stream = { write: (t: string) => ((written += t), true) } as unknown as NodeJS.WriteStream;
    const live = new LiveConsole(stream, makeStyle(false), 100, false);
    live.handle({ kind: "start", command: report.command, env: report.env });
    live.handle({ kind: "start", command: report.command, env: report.env });
    live.handle({ kind: "start", command: report.command, env: { ...report.env, PORT: "2" } });
    live.finish();
    assert.equal(written, "Running python3 x.py in /tmp\nwith HOST=127.0.0.1 PORT=1\nRunning python3 x.py again\nRunning python3 x.py again\nwith HOST=127.0.0.1 PORT=2\n");
  });

  it("the live console prefixes the program's output and clears its spinner on a TTY", () => {
    let written = "";
    const stream = { write: (t: string) => ((written += t), true) } as unknown as NodeJS.WriteStream;
    const live = new LiveConsole(stream, makeStyle(false), 100, true);
    const events: HarnessEvent[] = [
      { kind: "start", command: report.command, env: report.env },
      { kind: "check-start", name: "starts", index: 0, total: 1 },
      { kind: "output", line: { stream: "stdout", text: "hello" } },
      { kind: "check-done", result: report.checks[0]!, index: 0, total: 1 },
    ];
    for (const e of events) live.handle(e);
    live.finish();
    assert.match(written, /with HOST=127\.0\.0\.1 PORT=1/);
    assert.match(written, /⠋ starts/);
    assert.match(written, /\r\x1b\[K\[your program\] hello\n/);
    assert.match(written, /\r\x1b\[K✓ starts/);
  });
});
