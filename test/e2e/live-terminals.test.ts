/**
 * The live view on every common TERM: no text in black, white or grey (colours
 * 0, 7, 8 and 15 vanish on one theme or another), no fixed background colour, dim
 * through the terminal's own attribute; NO_COLOR has no colour at all; the high
 * contrast choice has nothing dim; TERM=dumb gets the plain view with a line saying why.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { describe, it } from "node:test";
import { cliPath, tempHome } from "../support/cli.js";
import { hasTmux, TmuxSession } from "../support/tmux.js";
import { pythonSkip } from "../demo/lesson-demo-helpers.js";

const skip = !hasTmux() ? "tmux is not installed" : pythonSkip ? "python3 is not available" : false;

interface Sgr {
  fg: number[];
  bg: number[];
  attrs: number[];
}

/** Every SGR in a capture: the foreground and background colours set (256-colour indexes) and the plain attributes. */
export function sgrCodes(text: string): Sgr {
  const out: Sgr = { fg: [], bg: [], attrs: [] };
  for (const m of text.matchAll(/\x1b\[([\d;:]*)m/g)) {
    const p = (m[1] || "0").split(/[;:]/).map(Number);
    for (let i = 0; i < p.length; i++) {
      const c = p[i]!;
      if (c === 38 || c === 48) {
        const list = c === 38 ? out.fg : out.bg;
        if (p[i + 1] === 5) {
          list.push(p[i + 2]!);
          i += 2;
        } else if (p[i + 1] === 2) {
          list.push(-1); // a true colour: counted as a fixed colour
          i += 4;
        }
      } else if (c >= 30 && c <= 37) out.fg.push(c - 30);
      else if (c >= 90 && c <= 97) out.fg.push(c - 90 + 8);
      else if (c >= 40 && c <= 47) out.bg.push(c - 40);
      else if (c >= 100 && c <= 107) out.bg.push(c - 100 + 8);
      else out.attrs.push(c);
    }
  }
  return out;
}

/** The demo under `env`. TERM is set by `env` in the pane: tmux sets its own TERM for every pane, over -e. */
async function openAt(env: Record<string, string>): Promise<{ t: TmuxSession; home: string }> {
  const home = tempHome();
  const { TERM, ...rest } = env;
  const argv = [...(TERM ? ["env", `TERM=${TERM}`] : []), process.execPath, cliPath, "demo", "tcp-step-by-step", "--runtime", "python", "--port", "0"];
  const t = await TmuxSession.start(argv, { width: 80, height: 24, env: { SOCKET_TUTOR_HOME: home, ...rest } });
  return { t, home };
}

/** Steps to the moment the lesson points at: dim line numbers, pids, paused marks, the table and its legend on screen. */
async function toTheQueue(t: TmuxSession): Promise<string> {
  const squash = (s: string): string => s.replace(/[\s│]+/g, " ");
  await t.waitFor((s) => /‖ socket\(AF_INET, SOCK_STREAM\) paused/.test(squash(s)), 10_000);
  for (const call of ["bind", "listen", "accept"]) {
    await t.keys("Left");
    await t.waitFor((s) => new RegExp(`‖ ${call}\\(`).test(s), 10_000);
  }
  await t.waitFor((s) => /‖ socket\(AF_INET, SOCK_STREAM\)/.test(s.split("\n").map((l) => l.slice(40)).join("\n")), 10_000);
  await t.keys("Right");
  await t.waitFor("connect(", 10_000);
  await t.keys("Right");
  return t.waitFor("accept queue", 10_000);
}

describe("the live view's colours on every common terminal", { skip, concurrency: 3 }, () => {
  for (const term of ["tmux", "tmux-256color", "screen", "screen-256color", "xterm", "xterm-256color", "linux"]) {
    it(`TERM=${term}: no black, white or grey text, no fixed background, dim as an attribute`, async () => {
      const { t, home } = await openAt({ TERM: term });
      try {
        assert.equal(t.tmux(["display-message", "-p", "-t", "0", "#{pane_current_command}"]).trim() !== "", true);
        await toTheQueue(t);
        const codes = sgrCodes(t.screenWithEscapes());
        const banned = codes.fg.filter((c) => [0, 7, 8, 15, -1].includes(c) || (c >= 232 && c <= 255) || c === 16 || c === 231);
        assert.deepEqual(banned, [], `foreground colours that vanish on some theme: ${banned.join(", ")}`);
        assert.deepEqual(codes.bg, [], "no fixed background colour (the selection is inverse)");
        assert.ok(codes.attrs.includes(2), "dim text uses the terminal's dim attribute");
        assert.ok(codes.fg.length > 0, "with colour");
        await t.keys("q");
        assert.equal(await t.exitCode(), 0);
      } finally {
        t.close();
        rmSync(home, { recursive: true, force: true });
      }
    });
  }

  it("NO_COLOR: no colour at all, the attributes stay (the current line, dim)", async () => {
    const { t, home } = await openAt({ NO_COLOR: "1" });
    try {
      await toTheQueue(t);
      const codes = sgrCodes(t.screenWithEscapes());
      assert.deepEqual(codes.fg, []);
      assert.deepEqual(codes.bg, []);
      assert.ok(codes.attrs.includes(7), "the current line is inverse");
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("SOCKET_TUTOR_CONTRAST=high: nothing dim, colours in bold", async () => {
    const { t, home } = await openAt({ SOCKET_TUTOR_CONTRAST: "high" });
    try {
      await toTheQueue(t);
      const codes = sgrCodes(t.screenWithEscapes());
      assert.ok(!codes.attrs.includes(2), "no dim text");
      assert.ok(codes.attrs.includes(1), "bold");
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("TERM unset: the demo runs as text, with one line saying why (no full-screen boxes)", async () => {
    const home = tempHome();
    // env -u: tmux sets TERM for every pane, so it is removed in the pane itself.
    const t = await TmuxSession.start(["env", "-u", "TERM", process.execPath, cliPath, "demo", "tcp-step-by-step", "--runtime", "python", "--port", "0"], { width: 80, height: 24, env: { SOCKET_TUTOR_HOME: home } });
    try {
      const code = await t.exitCode(20_000);
      // -J: lines the 80-column terminal wrapped, joined.
      const screen = t.tmux(["capture-pane", "-p", "-J", "-S", "-200", "-t", "0"]);
      assert.match(screen, /This terminal \(TERM=unset\) cannot show the full-screen view: the demo runs as text instead\./);
      assert.equal(screen.match(/cannot show the full-screen view/g)?.length, 1, "one line saying why, once");
      assert.match(screen, /The demo ran as designed/);
      assert.doesNotMatch(screen, /┌─ server|─ kernel socket table/, "no full-screen boxes");
      assert.equal(code, 0);
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("TERM=dumb: the demo runs as text, with one line saying why", async () => {
    const home = tempHome();
    const t = await TmuxSession.start(["env", "TERM=dumb", process.execPath, cliPath, "demo", "tcp-step-by-step", "--runtime", "python", "--port", "0"], { width: 80, height: 24, env: { SOCKET_TUTOR_HOME: home } });
    try {
      const code = await t.exitCode(20_000);
      const screen = t.tmux(["capture-pane", "-p", "-S", "-200", "-t", "0"]);
      assert.match(screen, /This terminal \(TERM=dumb\) cannot show the full-screen view/);
      assert.match(screen, /The demo ran as designed/);
      assert.doesNotMatch(screen, /┌─ server/, "no full-screen boxes");
      assert.equal(code, 0);
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
