/**
 * `socket-tutor demo … --plain --packets`: a line per packet, starting with `packet`,
 * among the calls, and packet arrows in the timeline; as root and as an ordinary user
 * (nobody), in both runtimes; and where there is no capture, a note that says why.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { sandboxSupport } from "../../src/sandbox/namespace.js";
import { cliPath, runCli, tempHome } from "../support/cli.js";
import { pythonSkip } from "./lesson-demo-helpers.js";

const support = await sandboxSupport();
const noWire = support.available ? false : `no private networks here: ${support.reason}`;
const tmp = mkdtempSync(path.join(os.tmpdir(), "st-wire-cli-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

const packetLines = (out: string) => out.split("\n").filter((l) => l.startsWith("packet "));

/** The Timeline section's lines. */
function timeline(out: string): string[] {
  const lines = out.split("\n");
  const from = lines.indexOf("Timeline");
  const to = lines.indexOf("Kernel table at the end");
  return lines.slice(from + 1, to);
}

function assertHandshakeBeforeAccept(out: string): void {
  const packets = packetLines(out);
  assert.match(packets[0] ?? "", /^packet  client → server  SYN  seq 0  win \d+  mss \d+$/, out);
  assert.match(packets[1] ?? "", /^packet  server → client  SYN\+ACK  seq 0  ack 1 /);
  assert.match(packets[2] ?? "", /^packet  client → server  ACK  seq 1  ack 1 /);
  assert.ok(packets.some((l) => /client → server  PSH\+ACK .* 5 bytes b'hello'$/.test(l)), packets.join("\n"));
  // The timeline is the record in true order (the live lines may come a little late on a busy machine).
  const rows = timeline(out);
  const at = (re: RegExp) => rows.findIndex((l) => re.test(l));
  const connect = at(/connect\(/);
  const synAck = at(/─ SYN\+ACK ─+▶/);
  const accept = at(/^ {2}accept\(/);
  assert.ok(connect >= 0 && connect < at(/◀─+ SYN ─/) && at(/◀─+ SYN ─/) < synAck && synAck < accept, rows.join("\n"));
}

describe("demo --plain --packets", { skip: noWire, concurrency: true }, () => {
  for (const runtime of ["python", "node"] as const) {
    it(`prints the handshake before accept() returns, then the data and the FINs (${runtime})`, { skip: runtime === "python" ? pythonSkip : false }, async () => {
      const r = await runCli(["demo", "tcp-step-by-step", "--plain", "--packets", "--runtime", runtime], { env: { SOCKET_TUTOR_HOME: tempHome() }, timeoutMs: 20_000 });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assertHandshakeBeforeAccept(r.stdout);
      assert.equal(packetLines(r.stdout).filter((l) => l.includes("FIN+ACK")).length, 2);
    });
  }

  it("answers a connect to a closed port with RST", async () => {
    const r = await runCli(["demo", "connect-refused", "--plain", "--packets", "--runtime", "node"], { env: { SOCKET_TUTOR_HOME: tempHome() }, timeoutMs: 20_000 });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const packets = packetLines(r.stdout);
    assert.deepEqual(
      packets.map((l) => l.replace(/  (seq|win|mss|ack) \d+/g, "")),
      ["packet  client → 127.0.0.1:8000  SYN", "packet  127.0.0.1:8000 → client  RST+ACK"],
    );
  });

  for (const runtime of ["python", "node"] as const) {
    it(`prints connect()'s ECONNREFUSED after the SYN and the RST that caused it (${runtime})`, { skip: runtime === "python" ? pythonSkip : false }, async () => {
      const r = await runCli(["demo", "connect-refused", "--plain", "--packets", "--runtime", runtime], { env: { SOCKET_TUTOR_HOME: tempHome() }, timeoutMs: 20_000 });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const lines = r.stdout.split("\n");
      const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
      const syn = at(/^packet  client → 127\.0\.0\.1:\d+  SYN /);
      const rst = at(/^packet  127\.0\.0\.1:\d+ → client  RST\+ACK /);
      const refused = at(/^client  connect\(.*→ ECONNREFUSED/);
      const meaning = at(/^client    ECONNREFUSED: /);
      assert.ok(syn >= 0 && syn < rst && rst < refused && refused < meaning, r.stdout);
    });
  }

  it("prints no packets without --packets", async () => {
    const r = await runCli(["demo", "connect-refused", "--plain", "--runtime", "node"], { env: { SOCKET_TUTOR_HOME: tempHome() }, timeoutMs: 20_000 });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(packetLines(r.stdout), []);
    assert.doesNotMatch(r.stdout, /RST\+ACK|Packets cannot/);
  });

  for (const runtime of ["python", "node"] as const) {
    it(`works for an unprivileged user (nobody, ${runtime})`, { skip: process.getuid?.() !== 0 || !existsSync("/usr/bin/setpriv") || !existsSync("/usr/bin/python3") ? "needs root, setpriv and /usr/bin/python3" : false }, () => {
      const home = mkdtempSync(path.join(tmp, "home-"));
      spawnSync("chown", ["nobody", home]);
      const r = spawnSync("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", process.execPath, cliPath, "demo", "tcp-step-by-step", "--plain", "--packets", "--runtime", runtime], {
        encoding: "utf8",
        cwd: "/",
        timeout: 30000,
        env: { PATH: "/usr/bin:/bin:/usr/sbin:/sbin", HOME: home, SOCKET_TUTOR_HOME: home, SOCKET_TUTOR_PYTHON: "/usr/bin/python3", NO_COLOR: "1" },
      });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.doesNotMatch(r.stdout, /Packets cannot be shown/);
      assertHandshakeBeforeAccept(r.stdout);
    });
  }
});

describe("demo --plain --packets without a capture", () => {
  it("says why there are no packets, and the demo still runs", async () => {
    const r = await runCli(["demo", "connect-refused", "--plain", "--packets", "--runtime", "node"], { env: { SOCKET_TUTOR_HOME: tempHome(), SOCKET_TUTOR_SANDBOX: "off" }, timeoutMs: 20_000 });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /note: Packets cannot be shown: runs have no private network here \(SOCKET_TUTOR_SANDBOX is off\)\. The capture runs inside one/);
    assert.deepEqual(packetLines(r.stdout), []);
    assert.match(r.stdout, /ECONNREFUSED/);
  });

  it("says so for a demo that needs this machine's own loopback", async () => {
    const r = await runCli(["demo", "raw-eperm", "--plain", "--packets"], { env: { SOCKET_TUTOR_HOME: tempHome() }, timeoutMs: 20_000 });
    assert.match(r.stdout, /note: Packets cannot be shown for this demo: it runs on this machine's own loopback/, r.stdout + r.stderr);
  });
});
