import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { settle, slowVolume } from "../../src/check/common/slow-reader.js";
import type { ProgramView } from "../../src/check/program.js";
import { commonServerCases, exerciseCases, fixturesDir, verifyProgram } from "./support.js";

describe("concurrent-echo", { concurrency: 4 }, () => {
  exerciseCases("concurrent-echo", [
    {
      file: "concurrent-echo/one-at-a-time.py",
      check: /serves 10 clients at the same time/,
      detail: [/1 of 10 got their echo/, /9 clients \(2, 3, 4, 5, 6, 7, 8, 9, 10\) got nothing/, /serves one client at a time/],
      hint: /lesson 11, Many clients/,
    },
    {
      // The lesson's quiz: sendall() on non-blocking sockets raises BlockingIOError once a client reads slowly.
      file: "concurrent-echo/select-sendall.py",
      check: /keeps serving others while a client is slow to read/,
      detail: [/A slow client sent \d+(\.\d)? MiB and did not read its echo/, /exited with code 1 while a client was not reading its echo/, /BlockingIOError: \[Errno 11\]/, /EAGAIN/, /select\(\) reports the socket writable/],
      hint: /lesson 11, .*Three rules for a select server/,
    },
    {
      // The same with a send buffer as big as the kernel allows: the slow client sends more.
      file: "concurrent-echo/select-sendall-bigbuf.py",
      check: /keeps serving others while a client is slow to read/,
      detail: [/BlockingIOError: \[Errno 11\]/, /EAGAIN/],
      hint: /Three rules for a select server/,
    },
    {
      file: "concurrent-echo/select-drop.py",
      check: /keeps serving others while a client is slow to read/,
      detail: [/Then the slow client read, expecting all it had sent \(\d+(\.\d)? MiB\): it got \d+ of \d+ bytes back/, /dropped this client's bytes/, /EAGAIN \(BlockingIOError\)/, /select\(\) reports the socket writable/],
      hint: /Three rules for a select server/,
    },
    {
      file: "concurrent-echo/select-blocking.py",
      check: /keeps serving others while a client is slow to read/,
      detail: [/other client 1: .*got nothing/, /\d+ bytes in your server's Send-Q to the slow client \(its send buffer is full\)/, /stuck sending to the slow client: a blocking send\(\) or sendall\(\) waits/, /writable/],
      hint: /Three rules for a select server/,
    },
    ...commonServerCases("tcp"),
  ]);

  it("a select loop that keeps unsent bytes and sends when writable passes, slow reader and all", async () => {
    const report = await verifyProgram("concurrent-echo", path.join(fixturesDir, "concurrent-echo/select-buffered.py"));
    assert.equal(report.passed, true, JSON.stringify(report.checks, null, 2));
  });

  const sysctls = existsSync("/proc/sys/net/ipv4/tcp_wmem") ? false : "no /proc/sys/net/ipv4 here";
  it("the slow reader sends more than the buffers hold: tcp_wmem's maximum, twice tcp_rmem's default, and 1 MiB", { skip: sysctls }, () => {
    const read = (name: string): number[] => readFileSync(`/proc/sys/net/ipv4/${name}`, "utf8").trim().split(/\s+/).map(Number);
    assert.equal(slowVolume(), Math.min(64 << 20, read("tcp_wmem")[2]! + 2 * read("tcp_rmem")[1]! + (1 << 20)));
  });

  it("the slow reader does not take a server that waits for the CPU for one whose buffers are full", async () => {
    // On a busy machine the server of select-sendall-bigbuf.py stood still, ready to run, long
    // enough for unchanged queues to look like full buffers; the slow client then read before
    // the server's sendall() met EAGAIN, and the wrong program passed.
    let polls = 0;
    const probe = { read: () => (polls++, { ours: { recvQ: 1000, sendQ: 5000, state: 1, inode: 8 }, theirs: { recvQ: 7000, sendQ: 3000, state: 1, inode: 9 }, tables: ["tcp" as const] }) };
    const program = { exit: () => undefined, running: () => polls <= 20 } as unknown as ProgramView;
    const ctx = { sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)), signal: new AbortController().signal, program: () => program, ms: (x: number) => x };
    const st = await settle(ctx, probe, 5000);
    assert.equal(st.settled, true);
    assert.ok(polls >= 23, `settled after ${polls} readings, while the program was still ready to run`);
    assert.equal(st.theirs?.recvQ, 7000);
    // A program that never stops running is not settled when the time runs out.
    polls = -1_000_000;
    assert.equal((await settle(ctx, probe, 100)).settled, false);
  });
});
