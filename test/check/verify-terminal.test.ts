import assert from "node:assert/strict";
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { cliPath, tempHome } from "../support/cli.js";
import { hasTmux, TmuxSession } from "../support/tmux.js";
import { fixturesDir, scratch } from "./support.js";

/** Plain `verify` in a real terminal (tmux): the spinner, Ctrl-C, what the terminal is left with. */

const skip = !hasTmux() ? "tmux is not installed" : process.platform !== "linux" ? "reads /proc" : false;
const SPINNER = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
}

/**
 * A session whose wrapper shell survives Ctrl-C. In cooked mode the terminal sends SIGINT
 * to the whole foreground group, the wrapper shell included, which would die before
 * printing __EXIT (an interactive shell ignores it and prints its prompt instead). A trap
 * (a handler, reset for the command by exec) keeps it alive, as a login shell would be.
 */
async function interruptible(argv: string[], cwd: string, env: Record<string, string>): Promise<TmuxSession> {
  const t = await TmuxSession.start(["sleep", "600"], { cwd, env });
  const script = `trap : INT; "$@"; printf '\\n__EXIT:%d__\\n' $?; sleep 600`;
  t.tmux(["respawn-pane", "-k", "-t", "0", "-c", cwd, ...Object.entries(env).flatMap(([k, v]) => ["-e", `${k}=${v}`]), "sh", "-c", script, "sh", ...argv]);
  return t;
}

describe("verify in a terminal", { skip, concurrency: 2 }, () => {
  for (const watch of [false, true]) {
    it(`Ctrl-C during a check${watch ? " (--watch)" : ""}: a "cancelled" line, the cursor on a new line, exit 130, the program stopped`, async () => {
      const dir = scratch("st-tty-");
      copyFileSync(path.join(fixturesDir, "common/silent-server.py"), path.join(dir, "silent.py"));
      const pidfile = path.join(dir, "pids");
      const t = await interruptible([process.execPath, cliPath, "verify", "tcp-echo", "silent.py", ...(watch ? ["--watch"] : [])], dir, { SOCKET_TUTOR_HOME: tempHome(), PIDFILE: pidfile });
      try {
        // The second check waits for an echo that never comes: the spinner turns.
        await t.waitFor((s) => /✓ starts and listens/.test(s) && SPINNER.test(s) && /echoes a short message/.test(s), 15_000);
        // The program writes its pids after listen() (and starting its child): the checker may see it listening first.
        await t.waitFor(() => existsSync(pidfile) && readFileSync(pidfile, "utf8").trim().split(" ").length >= 2, 5_000);
        const pids = readFileSync(pidfile, "utf8").trim().split(" ").slice(0, 2).map(Number);
        await t.keys("C-c");
        assert.equal(await t.exitCode(10_000), 130);
        const lines = t.screen().split("\n");
        const exitAt = lines.findIndex((l) => l.startsWith("__EXIT:130__"));
        assert.equal(lines[exitAt - 1], "", `the tutor left the cursor at the start of a new line:\n${lines.slice(0, exitAt + 1).join("\n")}`);
        assert.ok(!lines.some((l) => SPINNER.test(l)), `no spinner left on screen:\n${lines.join("\n")}`);
        assert.ok(lines.some((l) => /^Cancelled: the checks were stopped before the end; nothing was recorded\.$/.test(l)), `a cancelled line:\n${lines.join("\n")}`);
        for (const pid of pids) assert.equal(alive(pid), false, `process ${pid} of the program is still running`);
      } finally {
        t.close();
      }
    });
  }
});
