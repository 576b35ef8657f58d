import { test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { currentPids, settleDoubtful } from "../../src/kernel/select.js";
import { readSocketTable } from "../../src/kernel/table.js";
import type { SocketRow } from "../../src/kernel/types.js";
import { handleFd } from "./helpers.js";

function row(p: Partial<SocketRow>): SocketRow {
  return { proto: "tcp", local: "127.0.0.1:8000", remote: "0.0.0.0:*", state: "LISTEN", recvQ: 0, sendQ: 0, inode: 0, ...p };
}

test("a row with an inode but no owner is checked again: closed meanwhile → dropped, found now → owned, still nobody's → kept", () => {
  const closed = row({ inode: 11 });
  const late = row({ inode: 12, local: "127.0.0.1:8001" });
  const foreign = row({ inode: 13, local: "127.0.0.1:8002" });
  const plumbing = row({ inode: 14, proto: "unix", local: "", state: "CONNECTED" });
  const owned = row({ inode: 15, pid: 7, fd: 3 });
  const timeWait = row({ inode: 0, state: "TIME_WAIT", remote: "127.0.0.1:40000" });
  // The second read: 11 is gone (closed after the first read), the others are still there.
  const again = [late, foreign, plumbing, owned].map((r) => ({ ...r, pid: undefined, fd: undefined }));
  const owners = new Map([[12, { pid: 8, fd: 5 }]]);
  const out = settleDoubtful([closed, late, foreign, plumbing, owned, timeWait], again, owners, new Set([14]));
  assert.deepEqual(out, [{ ...late, pid: 8, fd: 5 }, foreign, owned, timeWait]);
  // A socket of another protocol with the same inode number does not vouch for it.
  assert.deepEqual(settleDoubtful([closed], [row({ inode: 11, proto: "udp" })], new Map()), []);
});

test("the filter's pids may be a function: asked for when the owners are scanned", { skip: process.platform === "linux" ? false : "reads /proc: Linux only" }, async () => {
  assert.deepEqual(currentPids({ pids: [1, 2] }), [1, 2]);
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  try {
    let asked = 0;
    const snap = await readSocketTable({ pids: () => (asked++, [process.pid]), ports: [port], children: false }, { ss: false });
    assert.ok(asked >= 1);
    const listen = snap.rows.find((r) => r.state === "LISTEN" && r.local === `127.0.0.1:${port}`);
    assert.deepEqual([listen?.pid, listen?.fd], [process.pid, handleFd(server)]);
  } finally {
    await new Promise((r) => server.close(r));
  }
});
