/**
 * verify for an ordinary user: the private network needs no root (a user namespace maps
 * the user to root inside it), and the learner's files and home belong to that user.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { cliPath } from "../support/cli.js";
import { exercisesDir, scratch } from "./support.js";

const skip = process.getuid?.() !== 0 || !existsSync("/usr/bin/setpriv") || !existsSync("/usr/bin/python3") ? "needs root (to become nobody), setpriv and /usr/bin/python3" : false;

function asNobody(args: string[], cwd: string): ReturnType<typeof spawnSync> {
  return spawnSync("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", process.execPath, cliPath, ...args], {
    encoding: "utf8",
    cwd,
    timeout: 30000,
    env: { PATH: "/usr/bin:/bin:/usr/sbin:/sbin", HOME: cwd, SOCKET_TUTOR_HOME: cwd, NO_COLOR: "1", TMPDIR: cwd },
  });
}

describe("verify as an unprivileged user (nobody)", { skip, concurrency: true }, () => {
  for (const [file, passes] of [
    ["tcp-echo/solution.py", true],
    ["tcp-echo/starter.py", false],
  ] as const) {
    it(`${file} ${passes ? "passes" : "fails"}, with its report`, () => {
      const home = scratch("st-nobody-");
      chmodSync(home, 0o777);
      copyFileSync(path.join(exercisesDir, file), path.join(home, "echo.py"));
      spawnSync("chown", ["-R", "nobody", home]);
      const r = asNobody(["verify", "tcp-echo", "echo.py"], home);
      const out = String(r.stdout) + String(r.stderr);
      assert.equal(r.status, passes ? 0 : 1, out);
      assert.doesNotMatch(out, /EPERM|Operation not permitted|\n\s+at /, "no permission error, no stack trace");
      if (passes) assert.match(out, /Passed/);
    });
  }
});
