import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { commonServerCases, exerciseCases, fixturesDir, verifyProgram } from "./support.js";

describe("tcp-echo", { concurrency: 4 }, () => {
  exerciseCases("tcp-echo", [
    {
      // One recv() per connection: the client that stays to send a second message finds the connection closed.
      file: "tcp-echo/single-recv.py",
      check: /short message while the client stays connected/,
      detail: [/client 1: the echo of the first message came back, and the client stayed connected/, /your server had (already )?closed/, /recv\(\) once per connection/, /byte stream/],
      hint: /lesson 8, .*recv returns part of a message/,
    },
    {
      // `ncat -l -k -e /bin/cat`: it closes as soon as the client's side ends, while cat still holds the echo.
      file: "tcp-echo/ncat-exec.py",
      check: /serves the next client/,
      // Like ncat --exec, it closes when it sees EOF, racing its child's output: which client loses
      // the race (the second or the third) depends on the machine's timing, the diagnosis does not.
      detail: [/client [23]: sent 1[34] bytes b'(second|third) client\\n' and closed its side; the connection closed without any echo/, /orderly way \(a FIN, not a reset\)/, /send all of them first, then close/],
      hint: /lesson 10, .*recv returns b''/,
    },
    {
      file: "tcp-echo/one-client.py",
      check: /serves the next client/,
      detail: [/client 2/, /Your program exited with code 0 after serving the previous client/, /accepts clients in a loop/],
      hint: /lesson 5/,
    },
    {
      file: "tcp-echo/crash-on-silent.py",
      check: /leaves without sending/,
      detail: [/connected and closed without sending anything/, /exited with code 1 right after that/, /IndexError/, /recv\(\) returning b'' .* how a server learns that the client has gone/],
      hint: /lesson 10/,
    },
    {
      file: "tcp-echo/spin-on-eof.py",
      check: /serves the next client/,
      detail: [/sent 14 bytes b'second client\\n' and closed its side, waited \d+(\.\d)? s for the echo, got nothing/, /s of CPU in \d+\.\d s, and it is running rather than waiting: it is spinning/, /does not stop when recv\(\) returns b''/],
      hint: /lesson 10/,
    },
    {
      file: "tcp-echo/text-echo.mjs",
      check: /256 KiB/,
      detail: [/first difference at byte \d+/, /U\+FFFD/, /turned the bytes into text/],
    },
    ...commonServerCases("tcp"),
  ]);

  it("a server on every interface passes, with a note that loopback is safer", async () => {
    const report = await verifyProgram("tcp-echo", path.join(fixturesDir, "tcp-echo/any-interface.mjs"));
    assert.equal(report.passed, true, JSON.stringify(report.checks, null, 2));
    assert.equal(report.notes.length, 1);
    assert.match(report.notes[0]!, /binds (::|0\.0\.0\.0) \(every network interface\).*loopback/);
  });

  it("a .ts program runs with tsx and passes", async () => {
    const report = await verifyProgram("tcp-echo", path.join(fixturesDir, "tcp-echo/echo.ts"));
    assert.equal(report.passed, true, JSON.stringify(report.checks, null, 2));
    assert.match(report.command.display, /^tsx /);
  });

  it("works without /proc too: connect probes instead of the kernel table", async () => {
    const report = await verifyProgram("tcp-echo", path.join(fixturesDir, "../../../lessons/exercises/tcp-echo/solution.py"), { readiness: "probe" });
    assert.equal(report.passed, true, JSON.stringify(report.checks, null, 2));
    assert.doesNotMatch(report.checks[0]!.detail, /TCP 127/, "probe mode cannot name the socket");
  });
});
