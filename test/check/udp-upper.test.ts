import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { commonServerCases, exerciseCases, exercisesDir, verifyProgram } from "./support.js";

describe("udp-upper", { concurrency: 4 }, () => {
  exerciseCases("udp-upper", [
    {
      file: "udp-upper/fixed-port.py",
      fixturePort: true,
      check: /answers a datagram/,
      detail: [/client A sent a 10-byte datagram b'hello, udp' from 127\.0\.0\.1:\d+, waited \d+(\.\d)? s for the reply, got nothing/, /sendto\(reply, addr\)/],
      hint: /lesson 9, UDP/,
    },
    {
      file: "udp-upper/first-sender.py",
      check: /each sender's own address/,
      detail: [/received the reply meant for the other client/, /one remembered address/],
    },
    {
      file: "udp-upper/merges.py",
      check: /each sender's own address|boundaries/,
      detail: [/then \d+ bytes more|got 1 reply: b'ONETWOTHREE'/],
    },
    {
      file: "udp-upper/small-buffer.py",
      check: /1400-byte datagram/,
      detail: [/got the first 1024 of 1400 bytes/, /recvfrom\(1024\) returns at most 1024 bytes of a datagram, and the kernel discards the rest/],
    },
    {
      file: "udp-upper/tcp-instead.py",
      check: /^starts and binds a UDP socket/,
      detail: [/listening on TCP 127\.0\.0\.1:\d+, but this exercise needs a UDP socket/],
      hint: /lesson 9/,
    },
    {
      file: "udp-upper/text-upper.mjs",
      check: /only the ASCII letters/,
      detail: [/first difference at byte 22/, /Change only the bytes a–z/],
    },
    ...commonServerCases("udp"),
  ]);

  it("three datagrams back to back: a merged reply is named as such", async () => {
    const report = await verifyProgram("udp-upper", path.join(exercisesDir, "../../test/fixtures/exercises/udp-upper/merges.py"));
    const boundaries = report.checks.find((c) => /boundaries/.test(c.name))!;
    assert.equal(boundaries.passed, false);
    assert.match(boundaries.detail, /got 1 reply: b'ONETWOTHREE'/);
    assert.match(boundaries.detail, /UDP keeps message boundaries/);
  });

  it("works without /proc too: probe datagrams instead of the kernel table", async () => {
    const report = await verifyProgram("udp-upper", path.join(exercisesDir, "udp-upper/solution.mjs"), { readiness: "probe" });
    assert.equal(report.passed, true, JSON.stringify(report.checks, null, 2));
  });
});
