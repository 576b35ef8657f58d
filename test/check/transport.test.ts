import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { describe, it } from "node:test";
import { LoopbackPeer, type StreamConn } from "../../src/check/peer.js";
import { freeTcpPort } from "../../src/check/ports.js";
import { makePlan } from "../../src/check/traffic.js";
import { sendPlan, type Pacing } from "../../src/check/transport.js";

/**
 * The transport over real loopback sockets: each piece is what one recv() of the program
 * returns (the seed decides, not the scheduler), it stops sending when the program has
 * closed, and a reset is told from an orderly close.
 */

const pacing: Pacing = {
  ms: (n) => n,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  signal: new AbortController().signal,
};

/** A Python server for one client: `body` runs with `conn` accepted; it prints what the test reads. */
async function server(body: string): Promise<{ port: number; child: ChildProcess; out: () => string; done: Promise<void> }> {
  const port = await freeTcpPort("127.0.0.1");
  const code = `import socket,sys\ns=socket.socket()\ns.bind(("127.0.0.1",${port}))\ns.listen()\nprint("ready",flush=True)\nconn,_=s.accept()\n${body}\n`;
  const child = spawn("python3", ["-c", code], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  const done = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const start = Date.now();
  while (!out.includes("ready")) {
    if (Date.now() - start > 5000) throw new Error("the test server did not start");
    await new Promise((r) => setTimeout(r, 10));
  }
  return { port, child, out: () => out.replace("ready\n", ""), done };
}

async function connect(peer: LoopbackPeer, port: number): Promise<StreamConn> {
  const r = await peer.connect({ kind: "tcp", host: "127.0.0.1", port }, "test client");
  assert.ok("conn" in r, JSON.stringify(r));
  return r.conn;
}

describe("the hostile transport", () => {
  for (const seed of [2, 3, 4, 123456789]) {
    it(`seed ${seed}: the program's recv() calls return exactly the plan's pieces`, async () => {
      const srv = await server(`while True:\n    d=conn.recv(65536)\n    if not d: break\n    print(len(d),flush=True)`);
      const peer = new LoopbackPeer();
      try {
        const conn = await connect(peer, srv.port);
        const plan = makePlan(seed, [Buffer.from("hello\n"), Buffer.from("wörld\n"), Buffer.from("and a third line\n")]);
        const sent = await sendPlan(pacing, conn, plan, { end: true });
        assert.equal(sent.ok, true);
        assert.equal(sent.paced, true, "each piece waited for the program to read the one before");
        await srv.done;
        assert.deepEqual(srv.out().trim().split("\n").map(Number), plan.pieces.map((p) => p.data.length));
      } finally {
        peer.dispose();
        srv.child.kill();
      }
    });
  }

  it("stops sending once the program has closed (the rest would only draw a reset)", async () => {
    const srv = await server(`d=conn.recv(65536)\nconn.sendall(d)\nconn.close()\nimport time\ntime.sleep(0.5)`);
    const peer = new LoopbackPeer();
    try {
      const conn = await connect(peer, srv.port);
      const reading = conn.readToEnd({ idleMs: 2000 });
      const plan = makePlan(2, [Buffer.from("hello")]);
      const sent = await sendPlan(pacing, conn, plan);
      // The program reads once and closes. Which pieces that read found depends on when its
      // process ran (on a busy machine, the second may be there too); what must hold is
      // that the sender stopped once it saw the close, and that the echo came back whole.
      assert.ok(plan.pieces.length >= 3, `the plan cuts hello in pieces: ${plan.pieces.length}`);
      assert.ok(sent.closedAfter !== undefined && sent.closedAfter >= 1 && sent.closedAfter < plan.pieces.length, `stopped after ${sent.closedAfter} of ${plan.pieces.length}`);
      const r = await reading;
      assert.ok(r.data.length > 0 && "hello".startsWith(r.data.toString()), `the echo of what the program read is not lost: ${JSON.stringify(r.data.toString())}`);
      assert.equal(r.end, "eof");
    } finally {
      peer.dispose();
      srv.child.kill();
    }
  });

  it("a close with unread bytes is a reset (the kernel's table says so; Node reports both as an end)", async () => {
    const srv = await server(`d=conn.recv(10)\nconn.sendall(d)\nconn.close()\nimport time\ntime.sleep(0.5)`);
    const peer = new LoopbackPeer();
    try {
      const conn = await connect(peer, srv.port);
      const reading = conn.readToEnd({ idleMs: 2000 });
      await conn.write(Buffer.alloc(100000, 0x61));
      const r = await reading;
      assert.equal(r.data.toString(), "a".repeat(10));
      assert.equal(r.end, "reset");
      assert.equal(r.code, "ECONNRESET");
    } finally {
      peer.dispose();
      srv.child.kill();
    }
  });
});
