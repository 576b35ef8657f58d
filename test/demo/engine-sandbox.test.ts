/**
 * Demos in a private network and process tree (sandbox/namespace.ts): the lesson's
 * port even when the host holds it, only the run's own sockets in its table, and
 * nothing left running, not even a grandchild that left its process group.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { findDemo, startDemo } from "../../src/demo/launcher.js";
import { sandboxSupport } from "../../src/sandbox/namespace.js";
import { cliPath, repoRoot } from "../support/cli.js";
import type { CallEvent } from "../../src/demo/events.js";
import { isCall, startRecorded } from "../support/demo.js";
import { t } from "../../src/text/catalog.js";
import { alive, until } from "../support/process.js";

const support = await sandboxSupport();
const skip = support.available ? false : `no private namespaces here: ${support.reason}`;
const root = path.join(repoRoot, "test", "demo", "fixtures", "lessons");
const tmp = mkdtempSync(path.join(os.tmpdir(), "st-sandbox-demo-"));
after(() => rmSync(tmp, { recursive: true, force: true }));



/** Holds 127.0.0.1:8000 on the host for the test, if nothing else already does. */
async function holdHostPort(): Promise<net.Server | undefined> {
  const s = net.createServer();
  return new Promise((resolve) => {
    s.once("error", () => resolve(undefined));
    s.listen(8000, "127.0.0.1", () => resolve(s));
  });
}

describe("demos in a private network", { skip, concurrency: true }, () => {
  for (const runtime of ["python", "node"] as const) {
    it(`run on the lesson's port 8000 while the host holds it, and the table shows only the run's sockets (${runtime})`, async () => {
      const host = await holdHostPort();
      // Step mode: the server is held before accept(), so its LISTEN row is in the table by
      // design (a run at full speed can end between two readings on a busy machine).
      const rec = await startRecorded("tcp-step-by-step", { runtime, mode: "step" });
      try {
        const { session } = rec;
        assert.equal(session.port, 8000, "no other port was needed");
        // Node makes socket, bind and listen in one listen() call.
        for (const call of runtime === "python" ? ["socket", "bind", "listen"] : ["listen"]) {
          await rec.waitFor(isCall("server", call, "pending"), 5000, `server ${call} pending`);
          session.continue("server");
        }
        const serverPid = (await rec.waitFor<CallEvent>(isCall("server", "listen", "end"), 5000, "listen ends")).pid;
        const listening = await rec.waitFor((ev) => ev.type === "table" && ev.snapshot.rows.some((r) => r.state === "LISTEN"), 5000, "a LISTEN row");
        const listen = listening.type === "table" ? listening.snapshot.rows.find((r) => r.state === "LISTEN") : undefined;
        assert.equal(listen?.local, "127.0.0.1:8000");
        assert.equal(listen?.pid, serverPid, "its owner is the server, by the pid its calls show");
        session.setMode("run");
        const state = await session.done();
        assert.equal(state.ok, true, state.reason);
        assert.ok(!state.notes.some((n) => /is held by/.test(n.text)), "and no note about a busy port");
        for (const e of rec.events) if (e.type === "table") for (const r of e.snapshot.rows) assert.ok(r.local.endsWith(":8000") || r.remote.endsWith(":8000") || r.proto === "unix", `only the run's sockets: ${r.local} ${r.remote}`);
      } finally {
        await rec.session.stop();
        host?.close();
      }
    });
  }

  it("end a grandchild that left the process group (setsid, double fork) when the run stops", async () => {
    const demo = findDemo("escape", root)!;
    for (const runtime of ["python", "node"] as const) {
      const file = path.join(tmp, `escapee-${runtime}`);
      process.env.ESCAPEE = file;
      const s = await startDemo(demo, { runtime, timeoutMs: null });
      try {
        await until(`the ${runtime} grandchild`, () => existsSync(file) && readFileSync(file, "utf8").length > 0);
        const escapee = Number(readFileSync(file, "utf8"));
        assert.ok(alive(escapee), "it runs, outside the server's process group");
        await s.stop();
        await until(`the ${runtime} grandchild to be gone`, () => !alive(escapee));
      } finally {
        await s.stop();
        delete process.env.ESCAPEE;
      }
    }
  });

  it("run for an unprivileged user (nobody)", { skip: process.getuid?.() !== 0 || !existsSync("/usr/bin/setpriv") || !existsSync("/usr/bin/python3") ? "needs root, setpriv and /usr/bin/python3" : false }, () => {
    const home = mkdtempSync(path.join(tmp, "home-"));
    spawnSync("chown", ["nobody", home]);
    const r = spawnSync("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", process.execPath, cliPath, "demo", "tcp-step-by-step", "--plain"], {
      encoding: "utf8",
      cwd: "/",
      timeout: 30000,
      env: { PATH: "/usr/bin:/bin:/usr/sbin:/sbin", HOME: home, SOCKET_TUTOR_HOME: home, SOCKET_TUTOR_PYTHON: "/usr/bin/python3", NO_COLOR: "1" },
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /port 8000/);
    assert.match(r.stdout, /The demo ran as designed[.:]/);
  });

  it("a demo that opts out (noPrivateNetwork) runs on the machine's own loopback, and its wire view says why there are no packets", async () => {
    const rec = await startRecorded("shared-net", { runtime: "python", root, mode: "run" });
    try {
      assert.equal(rec.session.isolated, false);
      const state = await rec.session.done();
      assert.equal(state.ok, true, state.reason);
      const wire = rec.events.find((e) => e.type === "wire");
      assert.ok(wire && wire.type === "wire" && wire.status === "unavailable", JSON.stringify(wire));
      if (wire?.type === "wire") assert.equal(wire.reason, t("wire.unavailable.sharedNetwork"));
    } finally {
      await rec.session.stop();
    }
  });
});
