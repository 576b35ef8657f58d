/**
 * A Unix connection waiting in the accept queue: the kernel lists its server end as
 * CONNECTING under the listener's path, with no process. The table must say it waits in
 * the accept queue (as it does for TCP), not that no process holds it.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { unownedText } from "../../src/demo/format.js";
import { t } from "../../src/text/catalog.js";
import path from "node:path";
import { repoRoot } from "../support/cli.js";
import { startRecorded } from "../support/demo.js";

const root = path.join(repoRoot, "test", "demo", "fixtures", "lessons");

describe("a Unix connection in the accept queue", () => {
  it("is shown as waiting in the accept queue while the server waits before accept() (python)", async () => {
    // The server waits 3 s between listen() and accept() (a fixture): the client's
    // connection waits in the queue meanwhile, in run mode, at full speed.
    const rec = await startRecorded("unix-queue", { runtime: "python", root, mode: "run" });
    const { session } = rec;
    try {
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
