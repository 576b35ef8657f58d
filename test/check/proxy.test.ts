import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { sandboxSupport } from "../../src/sandbox/namespace.js";
import { cSolutionCase, commonServerCases, exerciseCases, firstFailure, fixturesDir, verifyProgram } from "./support.js";

const support = await sandboxSupport();

describe("proxy", { concurrency: 4 }, () => {
  exerciseCases("proxy", [
    {
      file: "proxy/no-half-close.py",
      check: /passes the client's EOF on as a half-close/,
      detail: [/The upstream got the request, but no EOF within/, /shutdown\(SHUT_WR\)/],
      hint: /lesson 14, When things go wrong/,
    },
    {
      file: "proxy/one-direction.py",
      check: /relays a request to the upstream and its answer back/,
      detail: [/sent \d+ bytes from the upstream to the client, b'200 OK[^;]*; 0 of them came out, then nothing more for/, /relay one direction at a time/],
    },
    {
      file: "proxy/one-at-a-time.py",
      check: /10 clients at once/,
      detail: [/within \d+(\.\d)? s, 1 of 10 connections reached the upstream/, /one client at a time/],
      hint: /lesson 11/,
    },
    {
      file: "proxy/closes-both.mjs",
      check: /half-close/,
      detail: [/closed both directions when the client's side ended/],
    },
    {
      file: "proxy/dies-on-refused.mjs",
      check: /upstream refuses/,
      detail: [/your proxy ended/, /ECONNREFUSED/],
    },
    ...commonServerCases("tcp"),
  ]);
  cSolutionCase("proxy");

  // Only the kernel's small buffers expose it: with loopback's megabytes, or the fallback's
  // in-flight bound (no private network), every blocking sendall() finds room at once.
  it("blocking-sendall.py (a select() loop with a blocking sendall) fails the 1 MiB exchange through the run's small socket buffers", { skip: support.available ? false : `no private networks here (${support.reason}): the buffers cannot be made small` }, async () => {
    const report = await verifyProgram("proxy", path.join(fixturesDir, "proxy/blocking-sendall.py"));
    const all = JSON.stringify(report.checks, null, 2);
    const f = firstFailure(report);
    assert.match(f.name, /1 MiB each way at the same time/, all);
    assert.match(f.detail, /through small socket buffers \(64 KiB each\), and the upstream read only once it had sent all of its own/, all);
    assert.match(f.detail, /the upstream had received [^,]* of 1 MiB, the client [^,]* of 1 MiB/, all);
    assert.match(f.detail, /A blocking send\(\) or sendall\(\) inside a select\(\) loop does this too/, all);
    const at = report.checks.indexOf(f);
    assert.ok(at >= 4 && report.checks.slice(0, at).every((c) => c.passed), `everything before the exchange passed: only the buffers expose it\n${all}`);
  });
});
