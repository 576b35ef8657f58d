import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, openSync, readSync, closeSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import {
  buildStraceCommand,
  createStraceOutput,
  parseStraceText,
  resolvePythonExecutable,
  StraceFollower,
  StraceParser,
  straceAvailable,
  straceStatus,
  type StraceCall,
} from "../../src/kernel/strace.js";
import { alive, fixture, fixtures, python3, tempDir, waitFor } from "./helpers.js";

const pyCalls = parseStraceText(fixture("strace", "python-echo.txt"));
const nodeCalls = parseStraceText(fixture("strace", "node-echo.txt"));

function byCall(calls: StraceCall[], name: string): StraceCall[] {
  return calls.filter((c) => c.call === name);
}

test("python capture: only socket calls are kept, file I/O is dropped", () => {
  assert.ok(pyCalls.length >= 30, `${pyCalls.length} calls`);
  assert.ok(pyCalls.every((c) => c.isSocket));
  assert.ok(!pyCalls.some((c) => c.text.includes(".py>")), "the interpreter reading its source is not a socket call");
  const raw = fixture("strace", "python-echo.txt");
  assert.ok(/read\(3<\/.*echo_threads\.py>/.test(raw), "the fixture does contain file reads to drop");
});

test("python capture: <unfinished ...> / <... resumed> pairs are joined per pid, across threads", () => {
  const raw = fixture("strace", "python-echo.txt");
  assert.ok(raw.includes("<unfinished ...>") && raw.includes("resumed>"), "the fixture has split calls");
  assert.ok(!pyCalls.some((c) => c.text.includes("unfinished") || c.text.includes("resumed")));
  const pids = new Set(pyCalls.map((c) => c.pid));
  assert.equal(pids.size, 2, "server thread and client thread");
  const [accept] = byCall(pyCalls, "accept4");
  assert.match(accept.text, /^accept4\(3<TCP:\[127\.0\.0\.1:\d+\]>, \{sa_family=AF_INET, .*\}, \[16\], SOCK_CLOEXEC\) = 4<TCP:\[.*\]>$/);
  assert.equal(accept.fd, 3);
  assert.equal(accept.resultFd, 4);
  assert.match(accept.result ?? "", /^4<TCP:\[127\.0\.0\.1:\d+->127\.0\.0\.1:\d+\]>$/);
  assert.ok(accept.t !== undefined && accept.tEnd !== undefined && accept.tEnd >= accept.t, "start and end times from -ttt");
  const recv = byCall(pyCalls, "recvfrom").find((c) => c.text.includes('"hello"'));
  assert.ok(recv, "the server's recvfrom of hello");
  assert.equal(recv.result, "5");
});

test("python capture: the BSD calls in order, errno, UDP and Unix labels", () => {
  const server = pyCalls.filter((c) => c.pid === pyCalls[0].pid).map((c) => c.call);
  const seq = ["socket", "bind", "listen", "accept4", "recvfrom", "sendto", "close", "close"];
  let i = 0;
  for (const c of server) if (c === seq[i]) i++;
  assert.equal(i, seq.length, `server order: ${server.join(" ")}`);
  const refused = pyCalls.find((c) => c.errno === "ECONNREFUSED");
  assert.equal(refused?.call, "connect");
  assert.match(refused?.result ?? "", /^-1 ECONNREFUSED \(Connection refused\)$/);
  assert.ok(byCall(pyCalls, "sendto").some((c) => c.label?.startsWith("UDP:[") && c.text.includes('"ping"')));
  const unixListen = byCall(pyCalls, "listen").find((c) => c.label?.startsWith("UNIX-STREAM:"));
  assert.match(unixListen?.label ?? "", /^UNIX-STREAM:\[\d+,".*echo\.sock"\]$/);
  const sock = byCall(pyCalls, "socket")[0];
  assert.deepEqual([sock.fd, sock.resultFd, sock.label?.startsWith("TCP:[")], [3, 3, true]);
});

test("node capture: read/write/epoll_ctl on sockets kept, with the socket's fd", () => {
  assert.ok(!nodeCalls.some((c) => c.text.includes(".mjs>")));
  assert.ok(byCall(nodeCalls, "write").some((c) => c.label?.startsWith("TCP:[") && c.text.includes('"hello"')));
  assert.ok(byCall(nodeCalls, "read").some((c) => c.label?.startsWith("TCP:[") && c.text.includes('"HELLO"')));
  const epoll = byCall(nodeCalls, "epoll_ctl").find((c) => c.text.includes("EPOLL_CTL_ADD"));
  assert.ok(epoll?.label?.startsWith("TCP:[") || epoll?.label?.startsWith("UDP:["));
  assert.match(epoll?.text ?? "", new RegExp(`EPOLL_CTL_ADD, ${epoll?.fd}<`), "fd is the socket, not the epoll fd");
  const connect = byCall(nodeCalls, "connect").find((c) => c.label?.startsWith("TCP:"));
  assert.equal(connect?.errno, "EINPROGRESS", "Node connects without blocking");
  assert.ok(byCall(nodeCalls, "accept4").length >= 2);
  assert.ok(byCall(nodeCalls, "sendmsg").some((c) => c.label?.startsWith("UDP:")));
});

test("streaming: any chunking gives the same calls; pending() shows a call still blocked", () => {
  const raw = fixture("strace", "python-echo.txt");
  for (const size of [1, 7, 64, 4096]) {
    const p = new StraceParser();
    const got: StraceCall[] = [];
    for (let i = 0; i < raw.length; i += size) got.push(...p.push(raw.slice(i, i + size)));
    got.push(...p.end());
    assert.deepEqual(got, pyCalls, `chunks of ${size}`);
  }
  // cut right after the server entered accept4 and before it returned
  const cut = raw.indexOf("<... accept4 resumed>");
  const lineStart = raw.lastIndexOf("\n", cut) + 1;
  const p = new StraceParser();
  p.push(raw.slice(0, lineStart));
  const pend = p.pending();
  const acc = pend.find((c) => c.call === "accept4");
  assert.ok(acc, JSON.stringify(pend));
  assert.equal(acc.unfinished, true);
  assert.equal(acc.result, undefined);
  assert.equal(acc.fd, 3);
  // a line strace is still writing (the call blocks, no pid switch yet)
  const q = new StraceParser();
  q.push("9825  1700000000.000001 listen(3<TCP:[127.0.0.1:50551]>, 1) = 0\n9825  1700000000.000002 accept4(3<TCP:[127.0.0.1:50551]>, ");
  assert.deepEqual(
    q.pending().map((c) => [c.pid, c.call, c.fd, c.unfinished, c.t]),
    [[9825, "accept4", 3, true, 1700000000000.002]],
  );
});

test("line forms: [pid N] prefix, no prefix, exits, signals, a process killed mid-call, netlink, ignored fds", () => {
  const text = [
    "[pid  4242] connect(5<TCP:[9]>, {sa_family=AF_INET, sin_port=htons(1), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = -1 ECONNREFUSED (Connection refused)",
    "socket(AF_INET, SOCK_RAW, IPPROTO_ICMP) = -1 EPERM (Operation not permitted)",
    "4243  socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE) = 3<NETLINK:[ROUTE:4243]>",
    "4243  sendto(3<NETLINK:[ROUTE:4243]>, [{nlmsg_len=20}], 20, 0, NULL, 0) = 20",
    "4243  write(1<UNIX-STREAM:[100->101]>, \"hi\\n\", 3) = 3",
    "4243  write(7<UNIX-STREAM:[102->103]>, \"data\", 4) = 4",
    "4243  --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED} ---",
    "4244  accept4(3<TCP:[127.0.0.1:8000]>,  <unfinished ...>",
    "4244  <... accept4 resumed> <unfinished ...>) = ?",
    "4244  +++ killed by SIGKILL +++",
    "4245  write(4</tmp/x.txt>, \"x\", 1) = 1",
    "",
  ].join("\n");
  const calls = parseStraceText(text, { defaultPid: 7 });
  assert.deepEqual(
    calls.map((c) => [c.pid, c.call, c.fd ?? null, c.errno ?? null]),
    [
      [4242, "connect", 5, "ECONNREFUSED"],
      [7, "socket", null, "EPERM"],
      [4243, "write", 7, null],
      [4244, "accept4", 3, null],
    ],
  );
  assert.equal(calls[3].result, "?", "killed inside accept: no result");
  const all = parseStraceText(text, { keepAll: true, ignoreFds: [] });
  assert.equal(all.length, 8);
  assert.deepEqual(all.filter((c) => !c.isSocket).map((c) => c.call), ["socket", "sendto", "write"], "netlink and files are not demo sockets");
  assert.equal(parseStraceText(text, { keepNetlink: true }).filter((c) => c.label?.startsWith("NETLINK")).length, 2);
});

test("the strace command line", () => {
  const cmd = buildStraceCommand(["/usr/bin/python3", "-u", "server.py"], { outputPath: "/tmp/d/trace.txt" });
  assert.equal(cmd.command, "strace");
  assert.deepEqual(cmd.args.slice(0, 5), ["-f", "-qq", "-e", "signal=none", "-yy"]);
  assert.ok(cmd.args.includes("-ttt"));
  const trace = cmd.args[cmd.args.indexOf("-e", 4) + 1];
  assert.match(trace, /^trace=%network,read,write,readv,writev,close,epoll_ctl/);
  assert.deepEqual(cmd.args.slice(cmd.args.indexOf("-o"), cmd.args.indexOf("-o") + 2), ["-o", "/tmp/d/trace.txt"]);
  assert.deepEqual(cmd.args.slice(-4), ["--", "/usr/bin/python3", "-u", "server.py"]);
  assert.ok(!buildStraceCommand(["x"], { outputPath: "o", timestamps: false }).args.includes("-ttt"));
  assert.throws(() => buildStraceCommand([], { outputPath: "o" }), /no program/);
});

const straceSkip = (await straceAvailable()) ? false : `strace cannot run here: ${(await straceStatus()).reason}`;
const running = new Set<ChildProcess>();
after(() => {
  for (const c of running) if (c.pid && alive(c.pid)) process.kill(-c.pid, "SIGKILL");
});

/** Runs argv under strace in its own process group; resolves with its exit code. */
function runTraced(argv: string[], outputPath: string): { child: ChildProcess; exited: Promise<number | null>; stdout: () => string } {
  const { command, args } = buildStraceCommand(argv, { outputPath });
  // own process group, so the after() hook can kill strace and its tracee together;
  // stdin is a pipe from this process: the traced programs exit when it closes
  const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"], detached: true });
  running.add(child);
  let out = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => (out += d));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => (running.delete(child), r(code))));
  return { child, exited, stdout: () => out };
}

test("straceStatus is computed once", async () => {
  assert.equal(straceStatus(), straceStatus());
  const s = await straceStatus();
  if (process.platform === "linux") assert.equal(s.available, s.reason === undefined);
  else assert.equal(s.available, false);
});

test("resolvePythonExecutable finds the real interpreter, not a shim", { skip: python3() ? false : "python3 is not installed" }, async () => {
  const exe = await resolvePythonExecutable();
  assert.ok(exe && path.isAbsolute(exe) && existsSync(exe));
  if (process.platform === "linux") {
    const fd = openSync(exe, "r");
    const head = Buffer.alloc(4);
    readSync(fd, head, 0, 4, 0);
    closeSync(fd);
    assert.deepEqual([...head], [0x7f, 0x45, 0x4c, 0x46], `${exe} is an ELF binary, not a script`);
  }
  assert.equal(resolvePythonExecutable(), resolvePythonExecutable(), "cached");
  assert.equal(await resolvePythonExecutable("no-such-python-st"), undefined);
});

test("live: a Python server under strace; calls stream in while it runs, a blocked accept shows as pending", { skip: straceSkip || (python3() ? false : "python3 is not installed") }, async () => {
  const exe = (await resolvePythonExecutable()) as string;
  const out = createStraceOutput();
  const calls: StraceCall[] = [];
  const follower = new StraceFollower(out.path, (c) => calls.push(c));
  // exits when its stdin closes (the test died), or after 10 s whatever happens
  const code =
    "import os, socket, sys, threading\nthreading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()\nthreading.Timer(10, lambda: os._exit(3)).start()\n" +
    "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(1)\nprint(s.getsockname()[1], flush=True)\nc, _ = s.accept(); c.sendall(c.recv(64).upper()); c.close(); s.close(); os._exit(0)\n";
  const run = runTraced([exe, "-c", code], out.path);
  try {
    const port = Number(await waitFor("the port", () => run.stdout().trim() || undefined));
    await waitFor("listen() while the server runs", () => calls.find((c) => c.call === "listen"));
    const listenCall = calls.find((c) => c.call === "listen") as StraceCall;
    assert.equal(listenCall.label, `TCP:[127.0.0.1:${port}]`);
    const blocked = await waitFor("accept4 pending", () => follower.pending().find((c) => c.call === "accept4"));
    assert.equal(blocked.unfinished, true);
    assert.equal(blocked.fd, listenCall.fd);

    const client = net.connect(port, "127.0.0.1");
    await new Promise((r) => client.once("connect", r));
    client.write("hello");
    const reply = await new Promise<string>((r) => client.once("data", (d) => r(String(d))));
    client.destroy();
    assert.equal(reply, "HELLO");
    assert.equal(await run.exited, 0);
    follower.stop();
    const accept = calls.find((c) => c.call === "accept4");
    assert.ok(accept?.resultFd !== undefined && accept.result?.includes(`127.0.0.1:${port}->`));
    assert.ok(calls.some((c) => c.call === "recvfrom" && c.text.includes('"hello"')));
    assert.ok(calls.some((c) => c.call === "sendto" && c.text.includes('"HELLO"')));
    assert.ok(!calls.some((c) => c.unfinished), "nothing left unfinished after exit");
    assert.ok(calls.every((c) => c.isSocket && c.pid === calls[0].pid));
  } finally {
    follower.stop();
    out.remove();
  }
  assert.ok(!existsSync(out.dir));
});

test("live: Node's net under strace moves data with read/write on the socket fds", { skip: straceSkip }, async () => {
  const tmp = tempDir("st-strace-node-");
  const out = createStraceOutput();
  const calls: StraceCall[] = [];
  const follower = new StraceFollower(out.path, (c) => calls.push(c));
  const run = runTraced([process.execPath, path.join(fixtures, "programs", "echo.mjs"), tmp.dir], out.path);
  try {
    assert.equal(await run.exited, 0);
    follower.stop();
    assert.match(run.stdout(), /^done true/);
    const listen = calls.find((c) => c.call === "listen" && c.label?.startsWith("TCP:"));
    assert.match(listen?.text ?? "", /, 511\) = 0$/, "server.listen() → listen(fd, 511)");
    assert.ok(calls.some((c) => c.call === "write" && c.label?.startsWith("TCP:") && c.text.includes('"hello"')));
    assert.ok(calls.some((c) => c.call === "epoll_ctl" && c.label?.startsWith("TCP:")));
    assert.ok(calls.some((c) => c.call === "accept4" && c.label?.startsWith("UNIX-STREAM:")));
    assert.ok(!calls.some((c) => c.text.includes(".mjs>")));
  } finally {
    follower.stop();
    out.remove();
    tmp.remove();
  }
});
