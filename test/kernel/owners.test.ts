import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { scanSocketOwners, socketInode, withDescendants } from "../../src/kernel/owners.js";
import { readSocketTable } from "../../src/kernel/table.js";
import { alive, handleFd, tempDir, waitFor } from "./helpers.js";

/** A fake /proc: pid → { fds: fd → link target, tasks: tid → children }. */
function fakeProc(root: string, procs: Record<number, { fds?: Record<number, string>; tasks?: Record<number, number[]> }>): void {
  for (const [pid, p] of Object.entries(procs)) {
    if (p.fds) {
      mkdirSync(path.join(root, pid, "fd"), { recursive: true });
      for (const [fd, target] of Object.entries(p.fds)) symlinkSync(target, path.join(root, pid, "fd", fd));
    }
    for (const [tid, kids] of Object.entries(p.tasks ?? {})) {
      mkdirSync(path.join(root, pid, "task", tid), { recursive: true });
      writeFileSync(path.join(root, pid, "task", tid, "children"), kids.map((k) => `${k} `).join(""));
    }
  }
}

test("fd links → socket inodes; first pid given wins, then the lowest fd; stdio fds are hidden", () => {
  const tmp = tempDir("st-fakeproc-");
  try {
    fakeProc(tmp.dir, {
      10: { fds: { 0: "socket:[900]", 1: "socket:[900]", 2: "/dev/null", 3: "socket:[100]", 7: "socket:[101]", 5: "socket:[101]", 4: "pipe:[5]" }, tasks: { 10: [20], 11: [30] } },
      20: { fds: { 3: "socket:[200]", 9: "socket:[100]" }, tasks: { 20: [] } },
      30: { fds: { 4: "socket:[300]", 1: "socket:[901]" } },
      // 40 was listed as a child but has already exited: no directory at all
    });
    writeFileSync(path.join(tmp.dir, "10", "task", "11", "children"), "30 40 ");
    assert.deepEqual(withDescendants([10], tmp.dir), [10, 20, 30, 40], "children of every thread, breadth first");
    const scan = scanSocketOwners([10], { procRoot: tmp.dir });
    assert.deepEqual(Object.fromEntries(scan.owners), {
      100: { pid: 10, fd: 3 },
      101: { pid: 10, fd: 5 },
      200: { pid: 20, fd: 3 },
      300: { pid: 30, fd: 4 },
    });
    assert.deepEqual([...scan.hidden].sort(), [900, 901]);
    assert.deepEqual(scan.pids, [10, 20, 30], "40 is gone");
    const noKids = scanSocketOwners([10], { procRoot: tmp.dir, children: false, ignoreFds: [] });
    assert.deepEqual([...noKids.owners.keys()].sort(), [100, 101, 900]);
    assert.deepEqual(scanSocketOwners([12345, -1, 0], { procRoot: tmp.dir }).owners.size, 0);
  } finally {
    tmp.remove();
  }
  assert.equal(socketInode("socket:[42]"), 42);
  assert.equal(socketInode("pipe:[42]"), undefined);
  assert.equal(socketInode("/tmp/socket:[42]"), undefined);
});

test("polling while processes come and go never fails", { skip: process.platform === "linux" ? false : "Linux only" }, async () => {
  // short-lived children, each with a listener, spawned and exiting while we poll
  const code = "const s=require('net').createServer().listen(0,'127.0.0.1',()=>setTimeout(()=>process.exit(0),50+Math.random()*250))";
  const kids: ChildProcess[] = [];
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const deadline = Date.now() + 8000;
  let polls = 0;
  let sawChild = false;
  try {
    while (Date.now() < deadline && (polls < 15 || !sawChild)) {
      if (kids.filter((k) => k.exitCode === null).length < 4 && kids.length < 24) kids.push(spawn(process.execPath, ["-e", code], { stdio: "ignore" }));
      const snap = await readSocketTable({ pids: [process.pid, ...kids.map((k) => k.pid as number)], children: false });
      polls++;
      assert.equal(snap.error, undefined);
      assert.ok(snap.rows.some((r) => r.pid === process.pid && r.fd === handleFd(server)), "a stable socket is always there");
      if (snap.rows.some((r) => r.pid !== process.pid && r.state === "LISTEN")) sawChild = true;
    }
  } finally {
    await new Promise((r) => server.close(r));
    for (const k of kids) if (k.exitCode === null) k.kill("SIGKILL");
  }
  assert.ok(polls >= 5, `${polls} polls`);
  assert.ok(sawChild, "children's listeners were seen while they lived");
  await waitFor("children gone", () => (kids.every((k) => !alive(k.pid as number) || k.exitCode !== null) ? true : undefined));
});
