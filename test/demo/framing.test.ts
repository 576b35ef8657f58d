import assert from "node:assert/strict";
import { assertNothingLeft, runDemo } from "../support/demo.js";
import { ends, exitCode, inBothRuntimes, outputOf } from "./lesson-demo-helpers.js";

/** The sender's four messages on the wire: 4-byte big-endian length, then the payload. */
function framed(text: string): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(text.length, 0);
  return Buffer.concat([header, Buffer.from(text)]);
}
const THREE = Buffer.concat(["apple", "banana", "cherry"].map(framed));

inBothRuntimes("framing-naive: one recv() brings three messages together, and one message comes in two", async (runtime) => {
  const run = await runDemo("framing-naive", { runtime, deadlineMs: 15_000 });
  assert.equal(run.state.ok, true, run.state.reason);
  assert.equal(exitCode(run.events, "sender"), 0);
  const reads = ends(run.events, "receiver", "recv").filter((c) => (c.bytes ?? 0) > 0);
  // The receiver was busy when the three quick sends came: its first read holds all three.
  assert.equal(reads[0]!.bytes, THREE.length, `first read: ${reads[0]!.result}`);
  assert.equal(reads.length, 3, `three reads for four messages: ${reads.map((r) => r.bytes).join(", ")}`);
  assert.deepEqual(reads.slice(1).map((r) => r.bytes), [10, 6], "the fourth message in its two pieces");
  const out = outputOf(run.events, "receiver");
  assert.match(out, new RegExp(`${runtime === "python" ? "recv\\(\\) returned" : "'data' brought"} 29 bytes; length 5; message b?'apple'`));
  assert.doesNotMatch(out, /banana|cherry/, "the wrong receiver loses the second and third messages");
  assert.match(out, /length 12; message b?'dragon'\n/);
  assert.match(out, /length 543584885; message b?'it'/, "the text ' fru' taken for a length");
  await assertNothingLeft(run);
});

inBothRuntimes("framing-framed: the same bytes, every message whole", async (runtime) => {
  const run = await runDemo("framing-framed", { runtime, deadlineMs: 15_000 });
  assert.equal(run.state.ok, true, run.state.reason);
  assert.equal(exitCode(run.events, "sender"), 0);
  const out = outputOf(run.events, "receiver");
  const q = runtime === "python" ? "b'" : "'";
  assert.equal(out, ["apple", "banana", "cherry", "dragon fruit"].map((m, i) => `message ${i + 1}: ${q}${m}'\n`).join(""));
  const reads = ends(run.events, "receiver", "recv").filter((c) => (c.bytes ?? 0) > 0);
  if (runtime === "python") {
    // recv_exactly() asks for 4, then for the rest; for dragon fruit it gets 6 of 12 and asks again.
    const dragon = reads.findIndex((r) => /dragon/.test(r.result ?? ""));
    assert.ok(dragon > 0 && reads[dragon]!.bytes === 6 && /\b12\b/.test(reads[dragon]!.args.join(" ")), `recv(12) returned 6: ${reads[dragon]?.args} → ${reads[dragon]?.result}`);
    assert.match(reads[dragon + 1]!.args.join(" "), /\b6\b/, "then recv(6) for the rest");
  } else {
    assert.equal(reads[0]!.bytes, THREE.length, "Node's first read holds three messages, and the buffer splits them");
  }
  await assertNothingLeft(run);
});
