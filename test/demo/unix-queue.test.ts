/**
 * A Unix connection waiting in the accept queue: the kernel lists its server end as
 * CONNECTING under the listener's path, with no process. The table must say it waits in
 * the accept queue (as it does for TCP), not that no process holds it.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CallEvent } from "../../src/demo/events.js";
import { unownedText } from "../../src/demo/format.js";
import { t } from "../../src/text/catalog.js";
import { isCall, startRecorded } from "../support/demo.js";

describe("a Unix connection in the accept queue", () => {
  it("is shown as waiting in the accept queue while the server is held before accept() (python)", async () => {
    const rec = await startRecorded("echo-unix", { runtime: "python", mode: "step" });
    const { session } = rec;
    try {
      // Let the server run up to accept(), and the client through connect(). Bounded: a
      // handful of calls each.
      const handled = new Set<string>();
      for (let i = 0; i < 20 && !rec.events.some(isCall("client", "connect", "end")); i++) {
        const ev = await rec.waitFor<CallEvent>((e) => e.type === "call" && e.phase === "pending" && !handled.has(`${e.proc} ${e.seq}`) && !(e.proc === "server" && e.call === "accept"), 5000, "a paused call");
        handled.add(`${ev.proc} ${ev.seq}`);
        session.continue(ev.proc, ev.seq);
        if (ev.proc === "client" && ev.call === "connect") await rec.waitFor(isCall("client", "connect", "end"), 5000, "connect returns");
      }
      const table = await rec.waitFor((e) => e.type === "table" && e.snapshot.rows.some((r) => r.proto === "unix" && r.state === "CONNECTING"), 5000, "the queued connection in the table");
      assert.equal(table.type, "table");
      if (table.type !== "table") return;
      const queued = table.snapshot.rows.find((r) => r.proto === "unix" && r.state === "CONNECTING")!;
      assert.equal(queued.pid, undefined, "no process holds it yet");
      assert.equal(unownedText(queued, table.snapshot.rows), t("demo.row.queued"));
    } finally {
      await session.stop();
    }
  });
});
