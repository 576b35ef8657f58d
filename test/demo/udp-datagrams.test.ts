import assert from "node:assert/strict";
import { assertNothingLeft, runHolding } from "../support/demo.js";
import { ends, exitCode, inBothRuntimes, outputOf, rowsOf } from "./lesson-demo-helpers.js";

inBothRuntimes("udp-datagrams: one recvfrom per datagram; an overflowing buffer drops datagrams and the kernel counts them", async (runtime) => {
  // The receiver's close() waits until a reading shows the drops it counted: the socket's row
  // lives only as long as the receiver, which a slow reading could miss.
  const run = await runHolding("udp-datagrams", {
    runtime,
    hold: { proc: "receiver", call: "close" },
    until: (snap, state) => {
      const out = state.processes.find((p) => p.name === "receiver")?.output.map((l) => l.text).join("\n") ?? "";
      const counted = /the kernel dropped (\d+)/.exec(out);
      return counted !== null && snap.rows.some((r) => r.proto === "udp" && r.drops === Number(counted[1]));
    },
  });
  assert.equal(run.state.ok, true, run.state.reason);

  // Boundaries kept: three sends, three recvfrom() results, each exactly one datagram.
  const recvs = ends(run.events, "receiver", "recvfrom").filter((c) => !c.timedOut && c.errno === undefined);
  assert.deepEqual(recvs.slice(0, 3).map((c) => c.bytes), [3, 3, 5]);
  for (const [i, word] of ["one", "two", "three"].entries()) assert.match(recvs[i]!.result ?? "", new RegExp(`${word}\\b`));

  const rcvbuf = ends(run.events, "receiver", "setsockopt")[0];
  assert.deepEqual(rcvbuf?.args, ["SOL_SOCKET", "SO_RCVBUF", "4096"]);

  // Then loss: the receiver counts what arrived of 30...
  const m = /received (\d+) of 30: the kernel dropped (\d+)/.exec(outputOf(run.events, "receiver"));
  assert.ok(m, outputOf(run.events, "receiver"));
  const [received, dropped] = [Number(m[1]), Number(m[2])];
  assert.equal(received + dropped, 30);
  assert.ok(dropped > 0 && received > 0, `some arrived (${received}), some were dropped (${dropped})`);
  assert.equal(recvs.length, 3 + received, "one recvfrom() per datagram that arrived");

  // ...and the kernel's drop counter on the receiver's socket says the same.
  const udp = rowsOf(run.events, "udp").flatMap((s) => s.rows).filter((r) => r.local === `127.0.0.1:${run.port}`);
  assert.ok(udp.length > 0, "the receiver's udp row was seen");
  assert.equal(Math.max(...udp.map((r) => r.drops ?? 0)), dropped, "the table's drops column counts the lost datagrams");

  // The sender never heard about it.
  assert.ok(ends(run.events, "sender", "sendto").every((c) => c.errno === undefined));
  assert.match(outputOf(run.events, "sender"), /sent 30 datagrams, no errors/);
  assert.equal(exitCode(run.events, "sender"), 0);
  await assertNothingLeft(run);
});
