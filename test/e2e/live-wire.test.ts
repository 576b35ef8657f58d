/**
 * The wire in the live view, in a real terminal (tmux): at 80x24, with the server held
 * before accept(), the client's connect() returns and `w` shows the SYN, SYN+ACK and ACK
 * the two kernels exchanged meanwhile; the timeline has them as arrows between the
 * calls; at 120x40 the wire takes the timeline's box. Without a private network the
 * wire says why there are no packets and where to look.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { describe, it } from "node:test";
import { sandboxSupport } from "../../src/sandbox/namespace.js";
import { cliPath, tempHome } from "../support/cli.js";
import { hasTmux, TmuxSession } from "../support/tmux.js";
import { pythonSkip } from "../demo/lesson-demo-helpers.js";

const support = await sandboxSupport();
const skip = !hasTmux() ? "tmux is not installed" : pythonSkip ? "python3 is not available" : false;
const noWire = support.available ? false : `no private networks here (${support.reason})`;

const squash = (s: string): string => s.replace(/[\s│]+/g, " ");

async function open(width: number, height: number, env: Record<string, string> = {}): Promise<{ t: TmuxSession; home: string }> {
  const home = tempHome();
  const argv = [process.execPath, cliPath, "demo", "tcp-step-by-step", "--runtime", "python"];
  const t = await TmuxSession.start(argv, { width, height, env: { SOCKET_TUTOR_HOME: home, ...env } });
  return { t, home };
}

/** Server: socket, bind, listen, then held before accept(); client: socket, connect() returns. */
async function holdBeforeAccept(t: TmuxSession): Promise<string> {
  await t.waitFor((s) => /‖ socket\(AF_INET, SOCK_STREAM\) paused/.test(squash(s)), 10_000);
  for (const call of ["bind", "listen", "accept"]) {
    await t.keys("Left");
    await t.waitFor(new RegExp(`‖ ${call}\\(`), 10_000);
  }
  await t.waitFor((s) => /‖ socket\(AF_INET, SOCK_STREAM\)/.test(s.split("\n").map((l) => l.slice(40)).join("\n")), 10_000);
  await t.keys("Right");
  await t.waitFor(/‖ connect\(/, 10_000);
  await t.keys("Right");
  // The client's pane (the right half): its connect() returned, maybe wrapped onto two lines.
  const right = (s: string): string => squash(s.split("\n").map((l) => l.slice(Math.floor(l.length / 2))).join("\n"));
  return t.waitFor((s) => /connect\(fd 3, \('127\.0\.0\.1', 8000\)\) → ok/.test(right(s)), 10_000);
}

/** The screen's lines in the bottom box (between its top border and the key bar). */
function bottomBox(screen: string): string[] {
  const lines = screen.split("\n");
  const top = lines.findIndex((l) => /^┌─ .*(table|timeline|wire)/.test(l) && !/server|client/.test(l));
  return lines.slice(top, lines.length).filter((l) => l.startsWith("│") || l.startsWith("┌"));
}

describe("the wire in the live view", { skip: skip || noWire, concurrency: 2 }, () => {
  it("80x24: w shows SYN, SYN+ACK, ACK while the server is held before accept(); the timeline draws them as arrows", async () => {
    const { t, home } = await open(80, 24);
    try {
      await holdBeforeAccept(t);
      await t.keys("w");
      const screen = await t.waitFor((s) => /\[wire\]/.test(s) && /server → client {2}SYN\+ACK/.test(s) && /client → server {2}ACK/.test(s), 10_000);
      const box = bottomBox(screen);
      const syn = box.findIndex((l) => /client → server {2}SYN {2}seq 0/.test(l));
      const synAck = box.findIndex((l) => /server → client {2}SYN\+ACK {2}seq 0 {2}ack 1/.test(l));
      const ack = box.findIndex((l) => /client → server {2}ACK {2}seq 1 {2}ack 1/.test(l));
      assert.ok(syn > 0 && syn < synAck && synAck < ack, `SYN, SYN+ACK, ACK in order in the wire view:\n${screen}`);
      assert.ok(box.every((l) => !/PSH|FIN/.test(l)), `no data and no FIN yet:\n${screen}`);
      assert.match(squash(screen), /‖ accept\(fd 3\) paused/, "the server is still held before accept()");
      assert.ok(screen.split("\n").every((l) => [...l].length <= 80), "nothing wider than the terminal");
      assert.match(screen.split("\n").at(-2) ?? screen, / w wire off | t table /, "the key bar offers the way back");

      // t: the tabs in turn (wire → table → timeline); the timeline has the packets between connect() and accept().
      await t.keys("t");
      await t.waitFor(/\[table\]/, 5_000);
      await t.keys("t");
      await t.waitFor((s) => /\[timeline\]/.test(s) && /─ ACK ─/.test(s), 5_000);
      // The timeline box has 3 rows here: Tab to it and scroll back (↑), looking at each pair of neighbours.
      await t.keys("Tab", "Tab");
      const seen: string[][] = [];
      for (let i = 0; i < 8; i++) {
        seen.push(bottomBox(t.tmux(["capture-pane", "-p", "-t", "0"])).slice(2));
        await t.keys("Up");
        await new Promise((r) => setTimeout(r, 150));
      }
      const kinds = (rows: string[]): string[] =>
        rows.map((l) => (/connect\(/.test(l) ? "connect" : /◀─+ SYN ─+│/.test(l) ? "SYN←" : /│─+ SYN\+ACK ─+▶/.test(l) ? "SYN+ACK→" : /◀─+ ACK ─+│/.test(l) ? "ACK←" : "other"));
      const adjacent = (a: string, b: string): boolean => seen.some((rows) => kinds(rows).some((k, i, all) => k === a && all[i + 1] === b));
      const all = seen.map((r) => r.join("\n")).join("\n----\n");
      assert.ok(adjacent("connect", "SYN←"), `connect() then the client's SYN (right to left):\n${all}`);
      assert.ok(adjacent("SYN←", "SYN+ACK→"), `then the server's SYN+ACK (left to right):\n${all}`);
      assert.ok(adjacent("SYN+ACK→", "ACK←"), `then the client's ACK:\n${all}`);
      await t.keys("Tab");

      // ? help: the wire is explained and its key listed.
      await t.keys("?");
      await t.waitFor(/ help /, 5_000);
      // It scrolls: read it a page at a time to its end, for the wire's paragraph and its key.
      let text = "";
      for (let i = 0; i < 8; i++) {
        text += squash(t.tmux(["capture-pane", "-p", "-t", "0"]));
        await t.keys("PageDown");
        await new Promise((r) => setTimeout(r, 150));
      }
      assert.match(text, /The wire \(w\) lists every packet/);
      assert.match(text, /w Show the wire: every packet/);
      await t.keys("q");
      await t.waitFor((s) => !/The wire \(w\)/.test(s) && /\[timeline\]/.test(s), 5_000);
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("120x40: the wire takes the timeline's box, beside the kernel table", async () => {
    const { t, home } = await open(120, 40);
    try {
      await holdBeforeAccept(t);
      assert.doesNotMatch(await t.waitFor(/ timeline /, 5_000), /packets on the run's loopback/);
      await t.keys("w");
      const screen = await t.waitFor((s) => /wire: packets on the run's loopback/.test(s) && /client → server {2}ACK/.test(s), 10_000);
      assert.match(screen, /kernel socket table/, "the table stays");
      assert.match(screen, /client → server {2}SYN {2}seq 0 {2}win \d+ {2}mss \d+/);
      assert.match(screen, / w wire off /);
      await t.keys("w");
      await t.waitFor((s) => / timeline /.test(s) && !/packets on the run's loopback/.test(s), 5_000);
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe("the wire in the live view without a private network", { skip }, () => {
  it("says why there are no packets and what would show them", async () => {
    const { t, home } = await open(80, 24, { SOCKET_TUTOR_SANDBOX: "off" });
    try {
      await t.waitFor(/paused/, 10_000);
      await t.keys("w");
      const screen = await t.waitFor((s) => /\[wire\]/.test(s) && /Packets cannot be shown/.test(s), 10_000);
      assert.match(squash(screen), /says what this machine offers/);
    } finally {
      t.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
