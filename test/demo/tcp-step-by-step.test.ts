import assert from "node:assert/strict";
import { describe, it as test } from "node:test";
import type { CallEvent, DemoEvent, TableEvent } from "../../src/demo/events.js";
import type { SocketRow } from "../../src/kernel/types.js";
import { assertNothingLeft, callNames, callsOf, indexOf, isCall, pidsOf, runDemo, startRecorded } from "../support/demo.js";

const isTable = (ev: DemoEvent): ev is TableEvent => ev.type === "table";
const tcpRows = (ev: TableEvent) => ev.snapshot.rows.filter((r) => r.proto === "tcp");

describe("tcp-step-by-step", { concurrency: true }, () => {
  for (const runtime of ["python", "node"] as const) {
    test(`tcp-step-by-step runs free in ${runtime}: the calls in order, paired, and nothing left`, async () => {
      const run = await runDemo("tcp-step-by-step", { runtime });
      assert.equal(run.state.status, "done");
      assert.equal(run.state.ok, true, run.state.reason);
      if (runtime === "python") {
        assert.deepEqual(callNames(run, "server"), ["socket", "bind", "listen", "accept", "recv", "sendall", "close", "close"]);
        assert.deepEqual(callNames(run, "client"), ["socket", "connect", "sendall", "recv", "close"]);
        const [sock] = callsOf(run.events, "server");
        assert.equal(sock!.result, "fd 3", "the tracer's pipes are out of the way: the first socket is fd 3");
        assert.deepEqual(sock!.args, ["AF_INET", "SOCK_STREAM"]);
        const bind = callsOf(run.events, "server").find((c) => c.call === "bind")!;
        assert.deepEqual(bind.args, [`('127.0.0.1', ${run.port})`]);
        assert.equal(bind.file, "server.py");
        assert.equal(run.state.processes[0]!.source[bind.line! - 1]!.trim(), "server.bind((HOST, PORT))");
        const recv = callsOf(run.events, "server").find((c) => c.call === "recv")!;
        assert.equal(recv.result, "5 bytes b'hello'");
      } else {
        assert.deepEqual(callNames(run, "server").slice(0, 3), ["listen", "accept", "recv"]);
        const listen = callsOf(run.events, "server")[0]!;
        assert.match(listen.note ?? "", /socket\(\)\+bind\(\)\+listen\(\) in one call/);
        assert.equal(listen.file, "server.mjs");
        assert.equal(callNames(run, "client")[0], "connect");
        assert.ok(callNames(run, "server").includes("send") && callNames(run, "server").includes("shutdown"));
        assert.equal(run.state.runtimeNote?.includes("Python"), true);
      }
      // Both outputs, with the typed lines.
      const server = run.state.processes.find((p) => p.name === "server")!;
      assert.ok(server.output.some((l) => l.text.includes("client says: hello")), JSON.stringify(server.output));
      const client = run.state.processes.find((p) => p.name === "client")!;
      assert.ok(client.output.some((l) => l.text.includes("server says: bye")), JSON.stringify(client.output));
      // Arrows: one connection, hello one way, bye the other.
      const arrows = run.state.arrows;
      assert.equal(arrows.filter((a) => a.kind === "connect").length, 1);
      assert.deepEqual(arrows.filter((a) => a.kind === "data").map((a) => [a.from.split("#")[0], a.to.split("#")[0], a.bytes]), [
        ["client", "server", 5],
        ["server", "client", 3],
      ]);
      await assertNothingLeft(run);
    });
  }

  test("tcp-step-by-step in step mode (python): connect() returns while the server is paused before accept(); the table shows it", async () => {
    const rec = await startRecorded("tcp-step-by-step", { runtime: "python", mode: "step" });
    const { session } = rec;
    try {
      const fds: Record<string, number> = {};
      for (const call of ["socket", "bind", "listen"]) {
        await rec.waitFor(isCall("server", call, "pending"), 5000, `server ${call} pending`);
        assert.equal(session.continue("server"), true);
        const end = await rec.waitFor<CallEvent>(isCall("server", call, "end"), 5000, `server ${call} end`);
        if (call === "socket") fds.listen = end.newFd!;
      }
      const serverPid = (await rec.waitFor<CallEvent>(isCall("server", "listen", "end"))).pid;
      await rec.waitFor(isCall("server", "accept", "pending"), 5000, "server paused before accept");

      // The LISTEN row: the server's own address, its pid and the listening fd.
      const listening = await rec.waitFor<TableEvent>((ev) => isTable(ev) && tcpRows(ev).some((r) => r.state === "LISTEN"), 3000, "a LISTEN row");
      const listenRow = tcpRows(listening).find((r) => r.state === "LISTEN")!;
      assert.equal(listenRow.local, `127.0.0.1:${session.port}`);
      assert.equal(listenRow.pid, serverPid);
      assert.equal(listenRow.fd, fds.listen);

      for (const call of ["socket", "connect"]) {
        await rec.waitFor(isCall("client", call, "pending"), 5000, `client ${call} pending`);
        assert.equal(session.continue("client"), true);
      }
      const connected = await rec.waitFor<CallEvent>(isCall("client", "connect", "end"), 5000, "client connect end");
      assert.equal(connected.errno, undefined);
      // connect() returned while the server had not even started accept().
      assert.equal(indexOf(rec.events, isCall("server", "accept", "start")), -1);
      assert.equal(session.state.processes.find((p) => p.name === "server")!.pending.length, 1);

      // The kernel finished the handshake alone: both ends ESTABLISHED, one waiting in the accept queue.
      const queued = await rec.waitFor<TableEvent>(
        (ev) => isTable(ev) && tcpRows(ev).filter((r) => r.state === "ESTABLISHED").length === 2 && tcpRows(ev).some((r) => r.state === "LISTEN" && r.recvQ === 1),
        3000,
        "two ESTABLISHED rows and an accept queue of 1",
      );
      const clientRow = tcpRows(queued).find((r) => r.state === "ESTABLISHED" && r.local === connected.local)!;
      assert.equal(clientRow.pid, connected.pid);
      assert.equal(clientRow.fd, connected.fd);
      const waitingRow = tcpRows(queued).find((r) => r.state === "ESTABLISHED" && r.local === `127.0.0.1:${session.port}`)!;
      assert.equal(waitingRow.pid, undefined, "a connection in the accept queue belongs to no process yet");

      // Now accept(): a new fd, whose peer is the client's local address.
      assert.equal(session.continue("server"), true);
      const accepted = await rec.waitFor<CallEvent>(isCall("server", "accept", "end"), 5000, "accept end");
      assert.equal(accepted.peer, connected.local);
      assert.notEqual(accepted.newFd, fds.listen);
      const owned = await rec.waitFor<TableEvent>(
        (ev) => isTable(ev) && tcpRows(ev).some((r: SocketRow) => r.state === "ESTABLISHED" && r.pid === serverPid && r.fd === accepted.newFd),
        3000,
        "the accepted socket owned by the server",
      );
      assert.ok(tcpRows(owned).some((r) => r.state === "LISTEN" && r.recvQ === 0 && r.fd === fds.listen), "the listening socket keeps listening");

      session.setMode("run");
      const state = await session.done();
      assert.equal(state.ok, true, state.reason);
      assert.equal(state.arrows.filter((a) => a.kind === "connect").length, 1);
      await assertNothingLeft({ pids: pidsOf(rec.events), port: session.port });
    } finally {
      await session.stop();
    }
  });

  test("tcp-step-by-step's Node note says what libuv does: accept() already made when the server pauses at its accept, the connection ESTABLISHED and the server's, no queue", async () => {
    const rec = await startRecorded("tcp-step-by-step", { runtime: "node", mode: "step" });
    const { session } = rec;
    try {
      const note = session.state.runtimeNote ?? "";
      // The claims, one by one, then each checked against the run.
      assert.match(note, /server\.listen\(\) makes socket\(\), bind\(\) and listen\(\) in one call/);
      assert.match(note, /libuv calls accept\(\) for you as soon as a connection arrives: no connection waits in the accept queue/);
      assert.match(note, /pauses the server before your 'connection' handler, with the connection already ESTABLISHED and owned by the server/);
      assert.match(note, /its accept shows as paused, but the kernel's accept\(\) has happened/);
      assert.doesNotMatch(note, /never see the server wait in accept/, "the old wording, which the pane contradicted");
      const listen = await rec.waitFor<CallEvent>(isCall("server", "listen", "pending"), 5000, "server listen pending");
      assert.match(listen.note ?? "", /socket\(\)\+bind\(\)\+listen\(\) in one call/, "one call stands for three");
      session.continue("server");
      const serverPid = (await rec.waitFor<CallEvent>(isCall("server", "listen", "end"), 5000, "listen end")).pid;
      await rec.waitFor(isCall("client", "connect", "pending"), 5000, "client connect pending");
      session.continue("client");
      const connected = await rec.waitFor<CallEvent>(isCall("client", "connect", "end"), 5000, "client connect end");
      await rec.waitFor(isCall("server", "accept", "pending"), 5000, "the server paused at its accept");
      assert.equal(indexOf(rec.events, isCall("server", "accept", "start")), -1, "still paused");
      const owned = await rec.waitFor<TableEvent>(
        (ev) => isTable(ev) && tcpRows(ev).some((r) => r.state === "ESTABLISHED" && r.local === `127.0.0.1:${session.port}` && r.remote === connected.local && r.pid === serverPid),
        3000,
        "the server's end ESTABLISHED and owned by the server while its accept is paused",
      );
      // (A reading may come after the server closed its listener, one client being enough: then there is no queue at all.)
      const listenRow = tcpRows(owned).find((r) => r.state === "LISTEN");
      if (listenRow) assert.equal(listenRow.recvQ, 0, "nothing waits in the accept queue: libuv accepted it");
      assert.ok(!tcpRows(owned).some((r) => r.state === "ESTABLISHED" && r.local === `127.0.0.1:${session.port}` && r.pid === undefined), "no connection without an owner");
    } finally {
      await session.stop();
    }
  });

  test("tcp-step-by-step in step mode (node): each call waits for continue, with Node's mapping noted", async () => {
    const rec = await startRecorded("tcp-step-by-step", { runtime: "node", mode: "step" });
    const { session } = rec;
    try {
      const pending = await rec.waitFor<CallEvent>(isCall("server", "listen", "pending"), 5000, "server listen pending");
      assert.match(pending.note ?? "", /in one call/);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(indexOf(rec.events, isCall("server", "listen", "start")), -1, "paused: listen() has not started");
      assert.equal(indexOf(rec.events, (e) => e.type === "spawn" && e.proc === "client"), -1, "the client waits for the server's listen()");
      session.continue("server");
      await rec.waitFor(isCall("server", "listen", "end"), 5000, "listen end");
      await rec.waitFor((e) => e.type === "spawn" && e.proc === "client", 5000, "client spawn");
      await rec.waitFor(isCall("client", "connect", "pending"), 5000, "client connect pending");
      session.setMode("run");
      const state = await session.done();
      assert.equal(state.ok, true, state.reason);
      await assertNothingLeft({ pids: pidsOf(rec.events), port: session.port });
    } finally {
      await session.stop();
    }
  });
});
