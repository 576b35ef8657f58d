import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { repoRoot, runCli, tempHome } from "../support/cli.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "st-hint-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("hint after verify, from a shell", { skip: process.platform !== "linux" ? "the checks read /proc" : false }, () => {
  it("only the 256 KiB check failed: the first hint is the recv() loop, then the others in order", async () => {
    const home = tempHome();
    const env = { SOCKET_TUTOR_HOME: home };
    copyFileSync(path.join(repoRoot, "test", "fixtures", "exercises", "tcp-echo", "stops-at-128k.py"), path.join(dir, "echo.py"));
    const v = await runCli(["verify", "tcp-echo", "echo.py"], { cwd: dir, env, timeoutMs: 60_000 });
    assert.equal(v.code, 1, v.stdout + v.stderr);
    assert.match(v.stdout, /Not yet: 4 of 5 checks passed\./);
    assert.match(v.stdout.replace(/\s+/g, " "), /gives the hint for the first failure\./);
    const saved = JSON.parse(readFileSync(path.join(home, "progress.json"), "utf8")).exercises["tcp-echo"];
    assert.deepEqual(saved.failedHints, ["recv-loop"]);
    assert.equal(saved.language, "python");
    const h1 = await runCli(["hint", "tcp-echo"], { env });
    assert.match(h1.stdout, /^Hint 1 of 3: One recv\(\) is not the message\n/, "not 'The calls, in order'");
    assert.match(h1.stdout, /conn\.sendall\(data\)/, "in the language of the file checked");
    const h2 = await runCli(["hint", "tcp-echo"], { env });
    assert.match(h2.stdout, /^Hint 2 of 3: The calls, in order\n/);
    const seen = await runCli(["hint", "tcp-echo", "--seen"], { env });
    assert.match(seen.stdout, /^Hint 1 of 3: One recv\(\) is not the message\n[\s\S]*Hint 2 of 3: The calls, in order\n/, "seen, in the order given");
  });
});
