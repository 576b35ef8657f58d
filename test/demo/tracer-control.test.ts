/**
 * The Node tracer's control pipe (fd 4): lines that arrive together with the one that
 * ends a paused call are acted on too. The tutor continues a call and switches to run
 * mode at once ("c 1", "r", "t run …"); read in one go, the clock's line used to stay
 * in the tracer's buffer, the clock stayed held and the program's timers never fired
 * (seen as Node demos stuck in the live view on the fallback: framing-framed,
 * partial-send, udp-datagrams).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { describe, it } from "node:test";
import { nodePreload } from "../../src/demo/tracer-files.js";

const PROGRAM = `
  import net from "node:net";
  const server = net.createServer();
  server.listen(0, "127.0.0.1", () => setTimeout(() => { console.log("fired"); server.close(); }, 50));
`;

describe("the Node tracer's control lines", () => {
  it("a clock line read together with the continue is not lost: the program's timer fires", async () => {
    const child = spawn(process.execPath, ["--import", pathToFileURL(nodePreload()).href, "--input-type=module", "-e", PROGRAM], {
      stdio: ["ignore", "pipe", "pipe", "pipe", "pipe"],
      env: { ...process.env, SOCKET_TUTOR_TRACE_MODE: "step", SOCKET_TUTOR_CLOCK: "t hold 0.000" },
    });
    const events = child.stdio[3] as Readable;
    const control = child.stdio[4] as Writable;
    let out = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    let evText = "";
    let sent = false;
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no pending listen() within 5 s: ${evText.slice(0, 500)}`)), 5000);
        events.setEncoding("utf8");
        events.on("data", (d: string) => {
          evText += d;
          const pending = evText.split("\n").find((l) => l.includes('"phase":"pending"'));
          // Once: a second write would be new data, which the tracer's watcher reads anyway.
          if (!pending || sent) return;
          sent = true;
          clearTimeout(timer);
          const seq = (JSON.parse(pending) as { seq: number }).seq;
          // A moment later, as a learner's key would come, and in one write: the tracer,
          // waiting for its continue, reads the three lines in one go.
          setTimeout(() => {
            const mono = (Number(process.hrtime.bigint()) / 1e6).toFixed(3);
            control.write(`c ${seq}\nr\nt run 0.000 ${mono}\n`);
            resolve();
          }, 100);
        });
      });
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => resolve(-1), 3000);
        child.on("exit", (c) => {
          clearTimeout(timer);
          resolve(c);
        });
      });
      assert.equal(out.trim(), "fired", "the timer set after the continue fired");
      assert.equal(code, 0);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
