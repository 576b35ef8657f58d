import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { KvModel, RIGHT } from "../../src/check/kv.js";
import { seededOps } from "../../src/check/exercises/udp-kv.js";
import { cSolutionCase, commonServerCases, exerciseCases, exercisesDir, fixturesDir, verifyProgram } from "./support.js";

describe("udp-kv", { concurrency: 4 }, () => {
  exerciseCases("udp-kv", [
    {
      file: "udp-kv/last-split.py",
      check: /splits an insert at the first =/,
      detail: [/client A sent the retrieve b'url'; the reply should be b'url=http:\/\/127\.0\.0\.1\/\?a=1&b=2', but it is b'url='/, /splits an insert at the LAST =/, /partition/],
      hint: /lesson 16, A protocol over UDP/,
    },
    {
      file: "udp-kv/writable-version.py",
      check: /^version/,
      detail: [/but it is b'version=changed by the checker'/, /The key version is read-only/],
    },
    {
      file: "udp-kv/small-buffer.py",
      check: /1000-byte insert/,
      detail: [/the reply should be b'big=abc/, /reads only the first 256 bytes of each request: recvfrom\(256\)/],
    },
    {
      file: "udp-kv/acks-inserts.mjs",
      check: /an insert gets no reply/,
      detail: [/sent the insert b'colour=blue' and got a reply, b'OK'/],
    },
    {
      file: "udp-kv/strips.py",
      check: /random keys and values/,
      detail: [/strips the spaces around keys or values/],
    },
    ...commonServerCases("udp"),
  ]);
  cSolutionCase("udp-kv");

  it("a failure under a seed names it, and --seed sends the same requests again", async () => {
    const first = await verifyProgram("udp-kv", path.join(fixturesDir, "udp-kv/strips.py"));
    const failed = first.checks.find((c) => !c.passed)!;
    assert.ok(failed.seed !== undefined, JSON.stringify(failed));
    assert.deepEqual(seededOps(failed.seed!), seededOps(failed.seed!));
  });

  it("the seeded requests are printable ASCII, keys without =, and the model answers a retrieve with key=", () => {
    for (const seed of [1, 2, 3, 4, 99]) {
      for (const op of seededOps(seed)) {
        assert.match(op.text, /^[\x20-\x7e]*$/);
        if (op.kind === "retrieve") assert.ok(!op.text.includes("="));
        assert.ok(Buffer.byteLength(op.text) <= 1000);
      }
    }
    const m = new KvModel(RIGHT, "x");
    assert.equal(m.handle(Buffer.from("a=b=c")), undefined);
    assert.equal(m.handle(Buffer.from("a"))!.toString(), "a=b=c");
    assert.equal(m.handle(Buffer.from("nope"))!.toString(), "nope=");
    assert.equal(m.handle(Buffer.from("version=1")), undefined);
    assert.equal(m.handle(Buffer.from("version"))!.toString(), "version=x");
  });

  it("works without /proc too: probe datagrams instead of the kernel table", async () => {
    const report = await verifyProgram("udp-kv", path.join(exercisesDir, "udp-kv/solution.py"), { readiness: "probe" });
    assert.equal(report.passed, true, JSON.stringify(report.checks, null, 2));
  });
});
