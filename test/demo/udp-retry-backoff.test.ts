/**
 * udp-retry-backoff: client → relay → server, where the relay (a program of the demo,
 * traced like the others) plays a lossy network from a fixed seed. The checks read the
 * three real processes' calls: what the relay got and did not forward, what the client
 * sent again and when, and what it ignored.
 */
import assert from "node:assert/strict";
import type { CallEvent } from "../../src/demo/events.js";
import { assertNothingLeft, runDemo } from "../support/demo.js";
import { ends, exitCode, inBothRuntimes, outputOf } from "./lesson-demo-helpers.js";

/** The datagram a send-like or receive-like call moved, as the tracer shows it (b'1 colour'). */
function carries(c: CallEvent, payload: string): boolean {
  return [...c.args, c.result ?? ""].some((a) => a.includes(`b'${payload}'`));
}

/** The port a relay's sendto() went to: the Python tracer shows ('127.0.0.1', 8001), Node's 8001, '127.0.0.1'. */
function sentToPort(c: CallEvent): number | undefined {
  const m = c.args.join(", ").match(/(?:'127\.0\.0\.1', (\d+)\))|(?:^b'[^']*', (\d+), )/);
  const port = m?.[1] ?? m?.[2];
  return port === undefined ? undefined : Number(port);
}

inBothRuntimes("udp-retry-backoff: the relay drops request 1 twice, the client retries with backoff, and ignores the duplicate reply by its id", async (runtime) => {
  const run = await runDemo("udp-retry-backoff", { runtime });
  assert.equal(run.state.ok, true, run.state.reason);
  const port = run.port!;
  const relayLog = outputOf(run.events, "relay");

  // The same fates in both runtimes, from the seed in demo.json: the relay's log says each one.
  assert.deepEqual(
    relayLog.trim().split("\n"),
    [
      "request '1 colour': dropped",
      "request '1 colour': dropped",
      "request '1 colour': forwarded",
      "reply '1 colour=blue': sent twice",
      "request '2 size': forwarded",
      "reply '2 size=large': forwarded",
    ],
    relayLog,
  );

  // A lost request is retried after the timeout: three sendto() of request 1, each one succeeded.
  const sends = ends(run.events, "client", "sendto");
  const first = sends.filter((s) => carries(s, "1 colour"));
  assert.equal(first.length, 3, "three tries of request 1");
  assert.ok(sends.every((s) => !s.errno), "every send succeeded: the loss shows only as timeouts");
  assert.equal(sends.filter((s) => carries(s, "2 size")).length, 1, "request 2 got through at once");
  // ... with backoff: the wait before the third try is longer than the one before the second.
  // (Only the growth: in Node the first send's time is taken after dgram's implicit bind, so the first gap reads short.)
  const [a, b, c] = first.map((s) => s.t);
  assert.ok(c! - b! > b! - a!, `waits ${b! - a!} then ${c! - b!} ms`);

  // The relay got all three tries, and forwarded only the third: the server saw request 1 once.
  const relayGot = ends(run.events, "relay", "recvfrom").filter((r) => carries(r, "1 colour"));
  assert.equal(relayGot.length, 3, "the relay received every try");
  const relaySent = ends(run.events, "relay", "sendto");
  const forwards = relaySent.filter((s) => carries(s, "1 colour") && sentToPort(s) === port + 1);
  assert.equal(forwards.length, 1, `one forward of request 1 to the server: ${relaySent.map((s) => s.args.join(" ")).join("; ")}`);
  assert.ok(forwards[0]!.t > relayGot[2]!.t, "the forward came after the third try");
  assert.equal(ends(run.events, "server", "recvfrom").filter((r) => carries(r, "1 colour")).length, 1, "the server got request 1 once");
  assert.doesNotMatch(outputOf(run.events, "server"), /dropped/, "the server is honest: the relay is the lossy part");

  // A duplicate reply is ignored by its id: the relay sent the reply twice, the client read both,
  // took the first and dropped the second while waiting for request 2.
  assert.equal(relaySent.filter((s) => carries(s, "1 colour=blue")).length, 2, "the reply to request 1 went out twice");
  assert.equal(ends(run.events, "client", "recvfrom").filter((r) => carries(r, "1 colour=blue")).length, 2, "the client received both copies");
  const out = outputOf(run.events, "client");
  assert.equal((out.match(/no reply in/g) ?? []).length, 2, out);
  assert.match(out, /request 1, try 1: no reply in 100 ms[\s\S]*request 1, try 2: no reply in 200 ms[\s\S]*request 1, try 3: got colour=blue\n/);
  assert.match(out, /request 1, try 3: got colour=blue\nignored '1 colour=blue': not the reply to request 2\nrequest 2, try 1: got size=large\n$/);
  assert.equal(exitCode(run.events, "client"), 0);
  await assertNothingLeft(run);
});
