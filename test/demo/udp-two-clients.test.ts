import assert from "node:assert/strict";
import dgram from "node:dgram";
import { setTimeout as delay } from "node:timers/promises";
import { assertNothingLeft, callNames, runDemo } from "../support/demo.js";
import { ends, exitCode, inBothRuntimes, outputOf } from "./lesson-demo-helpers.js";
import { startUntraced } from "./untraced.js";

inBothRuntimes("udp-two-clients: one socket, recvfrom names each sender, sendto answers that sender", async (runtime) => {
  const run = await runDemo("udp-two-clients", { runtime });
  assert.equal(run.state.ok, true, run.state.reason);
  const names = callNames(run, "server");
  assert.equal(names.includes("listen") || names.includes("accept"), false, "UDP: no listen(), no accept()");
  assert.equal(names.filter((n) => n === "bind").length, 1, "one socket for every client");

  const recvs = ends(run.events, "server", "recvfrom");
  const sends = ends(run.events, "server", "sendto");
  assert.equal(recvs.length, 4, "two datagrams from each client");
  assert.equal(sends.length, 4);
  // Each reply goes to the address the datagram came from, on the same socket.
  recvs.forEach((r, i) => {
    assert.equal(sends[i]!.peer, r.peer, `reply ${i + 1} goes back to its sender`);
    assert.equal(sends[i]!.fd, r.fd);
  });

  // The senders are the two clients: their (address, port) as the kernel bound them.
  const clientPort = (proc: string) => {
    const local = ends(run.events, proc, "recvfrom")[0]?.local ?? "";
    return local.slice(local.lastIndexOf(":") + 1);
  };
  const peers = recvs.map((r) => r.peer!);
  const ports = [clientPort("client 1"), clientPort("client 2")];
  assert.notEqual(ports[0], ports[1]);
  for (const port of ports) assert.equal(peers.filter((p) => p === `127.0.0.1:${port}`).length, 2, `two datagrams from port ${port}: ${peers.join(", ")}`);

  for (const [i, c] of ["client 1", "client 2"].entries()) {
    const out = outputOf(run.events, c);
    assert.match(out, new RegExp(`HELLO FROM CLIENT ${i + 1}`));
    assert.match(out, new RegExp(`BYE FROM CLIENT ${i + 1}`));
    assert.equal(exitCode(run.events, c), 0);
  }
  assert.match(outputOf(run.events, "server"), new RegExp(`${ports[0]}.*\\n.*${ports[1]}|${ports[1]}.*\\n.*${ports[0]}`));
  await assertNothingLeft(run);
});

/**
 * The lesson's server is the model for the udp-upper exercise, so it must pass that
 * exercise's rule: only the bytes a-z change, every other byte comes back as it was.
 * (Node's toString().toUpperCase() decodes UTF-8 and upper-cases é to É.)
 */
inBothRuntimes("udp-two-clients' server: upper-cases a-z only, every other byte unchanged", async (runtime) => {
  const server = await startUntraced(`09-udp/demos/udp-two-clients/server.${runtime === "python" ? "py" : "mjs"}`, runtime, { probe: "none" });
  const sock = dgram.createSocket("udp4");
  try {
    await new Promise<void>((resolve) => sock.bind(0, "127.0.0.1", resolve));
    const sent = Buffer.concat([Buffer.from("héllo, wörld "), Buffer.from([0x00, 0xff, 0x7a, 0x7b, 0x60, 0x61])]);
    const expected = Buffer.concat([Buffer.from("HéLLO, WöRLD "), Buffer.from([0x00, 0xff, 0x5a, 0x7b, 0x60, 0x41])]);
    const reply = new Promise<Buffer>((resolve) => sock.once("message", resolve));
    // Nothing tells us when the server has bound: send until it answers (at most 5 s).
    let answer: Buffer | undefined;
    for (let i = 0; i < 50 && !answer; i++) {
      sock.send(sent, server.port, "127.0.0.1");
      answer = await Promise.race([reply, delay(100).then(() => undefined)]);
    }
    assert.ok(answer, `no reply from the server:\n${server.output()}`);
    assert.deepEqual([...answer], [...expected], `reply ${JSON.stringify(answer.toString("latin1"))}`);
  } finally {
    sock.close();
    await server.stop();
  }
});
