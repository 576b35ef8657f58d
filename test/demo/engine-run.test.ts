import assert from "node:assert/strict";
import net from "node:net";
import path from "node:path";
import { describe, it } from "node:test";
import type { CallEvent } from "../../src/demo/events.js";
import { createDemo, findDemo, startDemo } from "../../src/demo/launcher.js";
import { straceAvailable } from "../../src/kernel/strace.js";
import { repoRoot } from "../support/cli.js";
import { assertNothingLeft, callsOf, isCall, pidsOf, runDemo, startRecorded } from "../support/demo.js";

const root = path.join(repoRoot, "test", "demo", "fixtures", "lessons");
const isRoot = process.getuid?.() === 0;
const haveStrace = await straceAvailable();

describe("demo engine", { concurrency: true }, () => {
  for (const runtime of ["python", "node"] as const) {
    it(`a program that crashes (${runtime}): its error is output, its exit is reported, the session restarts`, async () => {
      const rec = await startRecorded("crash", { runtime, root, mode: "run" });
      try {
        let state = await rec.session.done();
        const server = state.processes[0]!;
        assert.equal(server.exit?.code, 1);
        assert.equal(server.exit?.expected, false);
        assert.equal(state.ok, false);
        assert.match(state.reason ?? "", /server exited with status 1/);
        const stderr = server.output.filter((l) => l.stream === "stderr").map((l) => l.text).join("\n");
        if (runtime === "python") {
          assert.match(stderr, /ZeroDivisionError: division by zero/);
          assert.match(stderr, /crash\.py", line 8, in <module>/);
        } else {
          assert.match(stderr, /Error: this demo fails on purpose/);
          assert.match(stderr, /crash\.mjs:6/);
        }
        assert.doesNotMatch(stderr, /socket_tutor_trace|preload/, "the tracer's frames are not in the program's traceback");
        assert.ok(server.output.some((l) => l.text === "about to fail"));
        const firstPids = pidsOf(rec.events);
        // Still usable: run it again.
        const before = rec.events.length;
        await rec.session.restart();
        state = await rec.session.done();
        assert.equal(state.processes[0]!.exit?.code, 1);
        assert.ok(rec.events.slice(before).some((e) => e.type === "spawn"), "a new process was started");
        assert.equal(state.processes[0]!.calls.some((c) => c.call === (runtime === "python" ? "socket" : "listen")), true);
        await assertNothingLeft({ pids: [...firstPids, ...pidsOf(rec.events)], port: rec.session.port });
      } finally {
        await rec.session.stop();
      }
    });

    it(`a program printing megabytes (${runtime}): the scrollback stays bounded`, async () => {
      const run = await runDemo("flood", { runtime, root, limits: { outputLines: 500, lineChars: 1000 } });
      const p = run.state.processes[0]!;
      assert.equal(run.state.ok, true, run.state.reason);
      assert.equal(p.outputBytes, 100 * 1000 * 100 + 3_000_000);
      assert.equal(p.output.length, 500);
      assert.ok(p.output.every((l) => l.text.length <= 1000));
      assert.equal(p.droppedOutputLines + p.output.length, 100_000 + 3000);
      assert.equal(p.output.at(-1)!.text, "y".repeat(1000));
      // 13 MB went through; what the state keeps is about 500 lines of 1000 characters, and no
      // partial line without bound. (Measured on the state itself: the heap of a test process that
      // runs other demos at the same time says more about them and the garbage collector.)
      const kept = p.output.reduce((n, l) => n + l.text.length, 0) + p.partial.stdout.length + p.partial.stderr.length;
      assert.ok(kept <= 500 * 1000 + 2 * 2000, `the state keeps ${kept} characters of output`);
    });
  }

  it("many Python threads making calls at once: every event arrives whole and in its thread", async () => {
    const run = await runDemo("threads", { runtime: "python", root, limits: { calls: 5000, timeline: 5000 } });
    assert.equal(run.state.ok, true, run.state.reason);
    const ends = callsOf(run.events, "threads");
    // 8 threads x 25 x (socketpair, sendall, recv, close, close)
    assert.equal(ends.length, 8 * 25 * 5);
    assert.equal(new Set(ends.map((e) => e.seq)).size, ends.length, "each call has its own number");
    assert.deepEqual([...new Set(ends.map((e) => e.thread))].sort(), Array.from({ length: 8 }, (_, i) => `worker-${i}`));
    assert.ok(ends.filter((e) => e.call === "recv").every((e) => e.result === `300 bytes ${"b'" + "x".repeat(48) + "'"}...`));
  });

  it("stop() in step mode kills paused and blocked processes and removes the temp dir", async () => {
    const rec = await startRecorded("sleeper", { runtime: "python", root, mode: "step" });
    for (const call of ["socket", "bind", "listen", "accept"]) {
      await rec.waitFor(isCall("server", call, "pending"), 5000, `server ${call} pending`);
      rec.session.continue("server");
    }
    await rec.waitFor(isCall("server", "accept", "start"), 5000, "server blocked in accept");
    await rec.waitFor(isCall("client", "socket", "pending"), 5000, "client paused");
    const tempDir = rec.session.tempDir;
    await rec.session.stop();
    assert.equal(rec.session.state.status, "stopped");
    assert.ok(rec.session.state.processes.every((p) => p.exit?.stopped), JSON.stringify(rec.session.state.processes.map((p) => p.exit)));
    await assertNothingLeft({ pids: pidsOf(rec.events), port: rec.session.port });
    const { existsSync } = await import("node:fs");
    assert.equal(existsSync(tempDir), false);
  });

  it("stop() during the launch ends it: no process starts, nothing keeps running", async () => {
    const demo = findDemo("sleeper", root)!;
    const events: string[] = [];
    const s = await createDemo(demo, { runtime: "python", port: 0, onEvent: (e) => events.push(e.type === "status" ? `status:${e.status}` : e.type) });
    const launching = s.launch();
    await s.stop();
    await launching;
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(s.state.status, "stopped");
    assert.equal(events.includes("spawn"), false, events.join(" "));
    assert.equal(events.includes("status:running"), false, events.join(" "));
  });

  for (const runtime of ["python", "node"] as const) {
    it(`a keepsRunning server is stopped, not failed, once the others are done (${runtime}, slow mode)`, async () => {
      const run = await runDemo("keeps-running", { runtime, root, mode: "slow", slowMs: 20 });
      assert.equal(run.state.status, "done");
      assert.equal(run.state.ok, true, run.state.reason);
      const [server, client] = run.state.processes;
      assert.equal(client!.exit?.code, 0);
      assert.equal(server!.exit?.stopped, true);
      assert.ok(callsOf(run.events, "server").some((c) => c.call === "accept"), "the server served the client first");
      assert.ok(run.events.some((e) => e.type === "call" && e.phase === "pending"), "slow mode pauses each call, then goes on by itself");
      await assertNothingLeft(run);
    });
  }

  it("without a private network: the demo's own port when free, else a nearby one with a note saying why", async () => {
    const demo = findDemo("crash", root)!;
    // Hold a port, then ask for it.
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const held = (blocker.address() as net.AddressInfo).port;
    try {
      const notes: string[] = [];
      const s = await startDemo(demo, { runtime: "python", port: held, sandbox: false, onEvent: (e) => e.type === "note" && notes.push(e.text) });
      await s.done();
      assert.notEqual(s.port, held);
      assert.ok(notes.some((n) => n.includes(`Port ${held} is held by`) && n.includes(`uses port ${s.port}`)), notes.join("\n"));
      await s.stop();
    } finally {
      blocker.close();
    }
  });

  it(isRoot ? "an unprivileged process runs as nobody when the tutor is root, and can use the private temp dir" : "an unprivileged process runs as the learner", async () => {
    for (const runtime of ["python", "node"] as const) {
      const run = await runDemo("whoami", { runtime, root });
      assert.equal(run.state.ok, true, `${runtime}: ${run.state.reason}\n${JSON.stringify(run.state.processes[0]!.output)}`);
      const uid = run.state.processes[0]!.output.find((l) => l.text.startsWith("uid "))!.text;
      if (isRoot) {
        assert.notEqual(uid, "uid 0", runtime);
        assert.ok(run.state.notes.some((n) => /runs as 'nobody'|runs as '/.test(n.text)), runtime);
        assert.ok(run.events.some((e) => e.type === "spawn" && e.user !== undefined));
      } else {
        assert.equal(uid, `uid ${process.getuid?.()}`);
      }
      await assertNothingLeft({ pids: run.pids, socketPath: run.socketPath });
    }
  });

  it("typing: with autoInput off, nothing is typed until sendInput", async () => {
    const rec = await startRecorded("tcp-step-by-step", { runtime: "python", autoInput: false, mode: "run", timeoutMs: null });
    try {
      await rec.waitFor(isCall("client", "input", "start"), 5000, "client waits for input");
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(rec.events.some((e) => e.type === "output" && e.stream === "stdin"), false);
      assert.equal(rec.session.sendInput("client", "typed by hand"), true);
      const recv = await rec.waitFor<CallEvent>(isCall("server", "recv", "end"), 5000, "server got it");
      assert.equal(recv.result, "13 bytes b'typed by hand'");
      assert.ok(rec.session.sendInput("server", "bye"));
      const state = await rec.session.done();
      assert.equal(state.ok, true, state.reason);
    } finally {
      await rec.session.stop();
    }
  });

  it("the syscall view shows the programs' real socket calls, not the tutor's plumbing", { skip: !haveStrace && "strace is not available" }, async () => {
    const run = await runDemo("tcp-step-by-step", { runtime: "python", syscalls: true });
    assert.equal(run.state.ok, true, run.state.reason);
    const server = run.state.processes.find((p) => p.name === "server")!;
    assert.ok(server.syscalls.some((l) => /^bind\(3<TCP/.test(l)), server.syscalls.join("\n"));
    assert.ok(server.syscalls.some((l) => /^listen\(3<TCP:\[127\.0\.0\.1:\d+\]>, 3\)/.test(l)));
    assert.ok(server.syscalls.some((l) => /^accept4?\(3</.test(l)));
    assert.ok(server.syscalls.every((l) => !/^(read|write)\((0|1|2|200|201)</.test(l)), "no stdio or tracer pipe traffic");
    await assertNothingLeft(run);
  });

  it("the syscall view shows a Python program's own AF_UNIX socket on fd 3 (not mistaken for the tracer's pipe)", { skip: !haveStrace && "strace is not available" }, async () => {
    const run = await runDemo("echo-unix", { runtime: "python", syscalls: true });
    assert.equal(run.state.ok, true, run.state.reason);
    const server = run.state.processes.find((p) => p.name === "server")!;
    assert.ok(server.syscalls.some((l) => /^socket\(AF_UNIX, SOCK_STREAM/.test(l)), server.syscalls.join("\n"));
    assert.ok(server.syscalls.some((l) => /^bind\(\d+<UNIX-STREAM:/.test(l)), server.syscalls.join("\n"));
    assert.ok(server.syscalls.some((l) => /^listen\(\d+<UNIX-STREAM:/.test(l)));
    await assertNothingLeft(run);
  });
});
