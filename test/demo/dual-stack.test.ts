/**
 * dual-stack and v6-only (lesson 15): a server on :: with IPV6_V6ONLY 0 takes a client
 * from 127.0.0.1 (seen as ::ffff:127.0.0.1) and one from ::1; with IPV6_V6ONLY 1 the
 * IPv4 client is refused. Both bind ::, so they run only in a private network: where
 * there is none (npm test's second pass, SOCKET_TUTOR_SANDBOX=off), or when the run is
 * asked to share the machine's network, they must refuse before any program starts.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DemoEvent } from "../../src/demo/events.js";
import { sandboxSupport } from "../../src/sandbox/namespace.js";
import { runCli, tempHome } from "../support/cli.js";
import { assertNothingLeft, runDemo } from "../support/demo.js";
import { ends, exitCode, inBothRuntimes, outputOf, pythonSkip } from "./lesson-demo-helpers.js";

const support = await sandboxSupport();
const noNetwork = support.available ? false : `no private networks here (${support.reason}): the refusal is checked instead`;
const hasNetwork = support.available ? "private networks work here: the demos run (checked above)" : false;

const spawned = (events: readonly DemoEvent[]) => events.filter((e) => e.type === "spawn" || e.type === "call");

describe("dual-stack: one socket on :: takes IPv4 and IPv6 clients", { concurrency: true, skip: noNetwork }, () => {
  const check = async (runtime: "python" | "node") => {
    const run = await runDemo("dual-stack", { runtime });
    assert.equal(run.state.ok, true, run.state.reason);
    const server = outputOf(run.events, "server");
    assert.match(server, /^a client from ::ffff:127\.0\.0\.1\na client from ::1\n$/, server);
    // accept() itself gave the mapped address: the kernel's, not the program's wording.
    const peers = ends(run.events, "server", "accept").map((a) => a.result ?? "");
    assert.equal(peers.length, 2, peers.join("; "));
    assert.match(peers[0]!, /::ffff:127\.0\.0\.1/);
    assert.match(peers[1]!, /::1\b/);
    assert.match(outputOf(run.events, "IPv4 client"), /connected to 127\.0\.0\.1; the server says: hello, ::ffff:127\.0\.0\.1/);
    assert.match(outputOf(run.events, "IPv6 client"), /connected to ::1; the server says: hello, ::1/);
    if (runtime === "python") {
      const opts = ends(run.events, "server", "setsockopt").map((c) => c.args.join(", "));
      assert.ok(opts.some((o) => /IPV6_V6ONLY, 0/.test(o)), `create_server(dualstack_ipv6=True) clears IPV6_V6ONLY: ${opts.join("; ")}`);
    }
    assert.equal(exitCode(run.events, "IPv4 client"), 0);
    assert.equal(exitCode(run.events, "IPv6 client"), 0);
    await assertNothingLeft(run);
  };
  it("python", { skip: pythonSkip }, () => check("python"));
  it("node", () => check("node"));
});

describe("v6-only: with IPV6_V6ONLY 1 the IPv4 client is refused, the IPv6 client served", { concurrency: true, skip: noNetwork }, () => {
  const check = async (runtime: "python" | "node") => {
    const run = await runDemo("v6-only", { runtime });
    assert.equal(run.state.ok, true, run.state.reason);
    const connect = ends(run.events, "IPv4 client", "connect");
    assert.equal(connect.length, 1);
    assert.equal(connect[0]!.errno, "ECONNREFUSED");
    assert.equal(exitCode(run.events, "IPv4 client"), 1);
    assert.equal(outputOf(run.events, "server"), "a client from ::1\n");
    assert.match(outputOf(run.events, "IPv6 client"), /connected to ::1; the server says: hello, ::1/);
    if (runtime === "python") {
      const opts = ends(run.events, "server", "setsockopt").map((c) => c.args.join(", "));
      assert.ok(opts.some((o) => /IPV6_V6ONLY, 1/.test(o)), opts.join("; "));
    } else assert.ok(ends(run.events, "server", "listen").some((c) => c.args.join(" ").includes("ipv6Only: true")));
    await assertNothingLeft(run);
  };
  it("python", { skip: pythonSkip }, () => check("python"));
  it("node", () => check("node"));
});

for (const id of ["dual-stack", "v6-only"]) {
  inBothRuntimes(`${id}: asked to share the machine's network, it refuses and starts nothing (:: there is every interface)`, async (runtime) => {
    const run = await runDemo(id, { runtime, sandbox: false });
    assert.equal(run.state.ok, false);
    assert.match(run.state.reason ?? "", /runs only in a private network of its own, and this run has none \(the run was asked to use the machine's shared network\)/);
    assert.match(run.state.reason ?? "", /every interface/);
    assert.deepEqual(spawned(run.events), [], "no program started");
    await assertNothingLeft(run);
  });

  describe(`${id} where there are no private networks`, { concurrency: true, skip: hasNetwork }, () => {
    const check = async (runtime: "python" | "node") => {
      const run = await runDemo(id, { runtime });
      assert.equal(run.state.ok, false);
      assert.match(run.state.reason ?? "", /runs only in a private network of its own, and this run has none/);
      assert.ok((run.state.reason ?? "").includes(support.reason ?? "(none)"), `it says why there is none: ${run.state.reason}`);
      assert.deepEqual(spawned(run.events), [], "no program started");
      await assertNothingLeft(run);
    };
    it("python", { skip: pythonSkip }, () => check("python"));
    it("node", () => check("node"));
  });
}

it("socket-tutor demo dual-stack --plain with SOCKET_TUTOR_SANDBOX=off: exit 1, a message that says why, no stack trace, nothing run", async () => {
  for (const runtime of ["node", ...(pythonSkip ? [] : ["python"])]) {
    const r = await runCli(["demo", "dual-stack", "--plain", "--runtime", runtime], { env: { SOCKET_TUTOR_HOME: tempHome(), SOCKET_TUTOR_SANDBOX: "off", SOCKET_TUTOR_LANG: "en" } });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /runs only in a private network of its own, and this run has none \(SOCKET_TUTOR_SANDBOX is off\)\. The server binds ::/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
    assert.doesNotMatch(r.stdout, /started:/, "no program started");
  }
});
