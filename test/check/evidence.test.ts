import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { patternBytes } from "../../src/check/bytes.js";
import { commandForFile } from "../../src/check/command.js";
import { echoThenClose, planFor } from "../../src/check/exercises/stream.js";
import { runVerify } from "../../src/check/harness.js";
import type { StreamTarget } from "../../src/check/peer.js";
import { freeTcpPort } from "../../src/check/ports.js";
import { startAndWait } from "../../src/check/ready.js";
import type { ExerciseChecker } from "../../src/check/types.js";
import { assertNothingLeft, copyToTemp, fixturesDir } from "./support.js";

/**
 * Diagnoses fit the evidence: one exchange, the 256 KiB echo, against servers that each
 * return only part of it. A reply the size of one recv() ended by a reset (the server
 * closed with bytes unread) is one bug; most of the reply, then an orderly close right
 * after the client's own (ncat -e /bin/cat, which closes while cat still holds the rest),
 * is another. Each is told what its evidence shows.
 */

const BIG = 256 * 1024;

function bigOnly(seed: number): ExerciseChecker {
  return {
    id: "tcp-echo",
    async prepare() {
      const port = await freeTcpPort("127.0.0.1");
      return { env: { HOST: "127.0.0.1", PORT: String(port) }, target: { kind: "tcp", host: "127.0.0.1", port } };
    },
    checks(ctx, target) {
      const t = target as StreamTarget;
      const big = patternBytes(BIG);
      return [
        { name: "starts", deadlineMs: 7000, run: () => startAndWait(ctx, t) },
        { name: "big", deadlineMs: 15000, run: async () => (await echoThenClose(ctx, t, "big client", big, "while it sent 256 KiB", planFor(seed, big))) ?? { passed: true } },
      ];
    },
  };
}

async function bigDetail(file: string, seed = 1): Promise<string> {
  const copy = copyToTemp(path.join(fixturesDir, file));
  try {
    const report = await runVerify(bigOnly(seed), { command: commandForFile(copy.file), seeds: [seed] });
    assertNothingLeft(report, copy.dir);
    assert.equal(report.checks[0]!.passed, true, report.checks[0]!.detail);
    assert.equal(report.checks[1]!.passed, false, "the big echo fails");
    return report.checks[1]!.detail;
  } finally {
    copy.cleanup();
  }
}

describe("diagnoses fit the evidence (the 256 KiB echo)", { concurrency: 2 }, () => {
  it("one recv(1024), then close with bytes unread: a recv-sized reply and a reset, told as one recv() per connection", async () => {
    const d = await bigDetail("tcp-echo/single-recv.py");
    assert.match(d, /got 1024 of 262144 bytes back, then the connection was reset \(ECONNRESET\)/);
    assert.match(d, /recv\(\) once per connection/);
    assert.doesNotMatch(d, /as soon as it saw the client's end/);
  });

  it("ncat -e /bin/cat: most of the reply, then an orderly close right after the client's, told as closing before sending what it read", async () => {
    const d = await bigDetail("tcp-echo/ncat-exec.py");
    const m = /got (\d+) of 262144 bytes back, then the connection closed/.exec(d);
    assert.ok(m, d);
    assert.ok(Number(m[1]) > 0 && Number(m[1]) < BIG);
    assert.match(d, /The client had sent everything and closed its side; \d+ ms later your server closed the connection as well, with the last \d+ bytes never sent back/);
    assert.match(d, /a FIN, not a reset/);
    assert.doesNotMatch(d, /recv\(\) once per connection/);
  });

  it("a reply that is exactly the first pieces sent: the server took one piece for the whole message", async () => {
    // Seed 2 sends single bytes first: one recv() gets b'\x19' alone.
    const d = await bigDetail("tcp-echo/single-recv.py", 2);
    assert.match(d, /in 10 pieces of 1, 1, 1, 1, 1, 1, 1, 1, \d+, \d+ bytes, each sent once your program had read the one before/);
    assert.match(d, /Your server sent back only the first piece of the 10, as if that were the whole message/);
  });
});
