import assert from "node:assert/strict";
import { copyFileSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { cliPath, tempHome } from "../support/cli.js";
import { hasTmux, TmuxSession } from "../support/tmux.js";
import { exercisesDir, fixturesDir, scratch } from "../check/support.js";

/** `verify --watch` in a real terminal: each run on a fresh screen, a footer that fits watching. */

const skip = !hasTmux() ? "tmux is not installed" : process.platform !== "linux" ? "reads /proc" : false;

describe("verify --watch in a terminal", { skip }, () => {
  it("clears the screen between runs, and its footer says to save, not to add --watch", async () => {
    const dir = scratch("st-watch-");
    copyFileSync(path.join(fixturesDir, "tcp-echo/stops-at-128k.py"), path.join(dir, "echo.py"));
    const t = await TmuxSession.start([process.execPath, cliPath, "verify", "tcp-echo", "echo.py", "--watch"], { width: 80, height: 24, cwd: dir, env: { SOCKET_TUTOR_HOME: tempHome(), NO_COLOR: "1" } });
    try {
      let screen = await t.waitFor("Watching echo.py", 30_000);
      assert.match(screen, /Not yet: 4 of 5 checks passed\./);
      assert.doesNotMatch(screen, /--watch/, "no suggestion to add --watch while watching");
      assert.match(screen.replace(/\s+/g, " "), /Fix the first failure and save: the checks run again\./);
      // An editor-style save: a new file renamed over the old one.
      const tmp = path.join(dir, ".echo.py.swp");
      writeFileSync(tmp, readFileSync(path.join(exercisesDir, "tcp-echo/solution.py")));
      renameSync(tmp, path.join(dir, "echo.py"));
      screen = await t.waitFor((s) => /Passed: all 5 checks/.test(s) && /Watching echo\.py/.test(s), 30_000);
      assert.match(screen, /echo\.py changed, checking again/);
      assert.doesNotMatch(screen, /Not yet/, "the failed run is gone from the screen");
      assert.equal(screen.match(/Checking tcp-echo/g)?.length, 1, `one run on the screen:\n${screen}`);
      assert.ok(screen.split("\n")[0]!.includes("changed, checking again"), `the run starts at the top:\n${screen}`);
    } finally {
      t.close();
    }
  });
});
