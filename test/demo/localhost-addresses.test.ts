import assert from "node:assert/strict";
import { lookup } from "node:dns/promises";
import { assertNothingLeft, runDemo } from "../support/demo.js";
import { exitCode, inBothRuntimes, outputOf } from "./lesson-demo-helpers.js";

inBothRuntimes("localhost-addresses: the client prints what localhost resolves to here and reaches the server on ::1", async (runtime) => {
  // What this machine says, read here the way the demo reads it (getaddrinfo through dns.lookup).
  const here = (await lookup("localhost", { all: true })).map((a) => a.address);
  const run = await runDemo("localhost-addresses", { runtime });
  assert.equal(run.state.ok, true, run.state.reason);
  const out = outputOf(run.events, "client");
  assert.match(out, new RegExp(`getaddrinfo\\('localhost'\\) gave ${here.length} address\\(es\\) here`));
  for (const a of here) assert.ok(out.includes(a), `the client names ${a}`);
  if (here.includes("::1")) assert.match(out, /connected to ::1\b/);
  else {
    // ::1 is not a name of localhost here: the demo says so instead of assuming it.
    assert.match(out, /no address of localhost worked: the server listens on ::1 only/);
    assert.match(out, /connected to ::1 by its address/);
  }
  assert.match(out, /hello from \[::1\]/);
  assert.match(outputOf(run.events, "server"), /served one client from ::1/);
  assert.equal(exitCode(run.events, "client"), 0);
  await assertNothingLeft(run);
});
