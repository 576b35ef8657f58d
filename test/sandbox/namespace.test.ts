import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { parseProcNet } from "../../src/kernel/proc-net.js";
import { RunSandbox, sandboxSupport } from "../../src/sandbox/namespace.js";
import { SocketBroker } from "../../src/sandbox/socket-broker.js";
import { repoRoot } from "../support/cli.js";
import { alive, until } from "../support/process.js";

const support = await sandboxSupport();
const skip = support.available ? false : `no private namespaces here: ${support.reason}`;
const tmp = mkdtempSync(path.join(os.tmpdir(), "st-sandbox-"));
after(() => rmSync(tmp, { recursive: true, force: true }));



/** Runs `code` with python3 inside the sandbox and waits for it to print a line. */
async function runInside(box: RunSandbox, code: string): Promise<{ pid: number; line: string }> {
  const { cmd, args } = box.wrap(process.env.SOCKET_TUTOR_PYTHON ?? "python3", ["-u", "-c", code]);
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "inherit"], detached: true });
  const line = await new Promise<string>((resolve) => child.stdout.once("data", (d: Buffer) => resolve(d.toString().trim())));
  child.unref();
  return { pid: child.pid!, line };
}

const LISTEN_8000 = "import os,socket,time\ns=socket.socket(); s.bind(('127.0.0.1',8000)); s.listen()\nprint(os.readlink('/proc/self'), flush=True)\ntime.sleep(30)";

describe("a run's private namespaces", { skip }, () => {
  it("have their own loopback: port 8000 is free inside while the host holds it, and the run's table shows only its own sockets", async () => {
    const host = net.createServer();
    const taken = await new Promise<boolean>((resolve) => {
      host.once("error", () => resolve(false));
      host.listen(8000, "127.0.0.1", () => resolve(true));
    });
    const box = await RunSandbox.start();
    try {
      const { line } = await runInside(box, LISTEN_8000);
      const outer = Number(line);
      assert.ok(alive(outer), "/proc/self inside names the process by its outer pid");
      const rows = parseProcNet("tcp", readFileSync(path.join(box.procNet, "tcp"), "utf8"));
      assert.deepEqual(rows.map((r) => `${r.local} ${r.state}`), ["127.0.0.1:8000 LISTEN"], "only the run's own socket");
      if (taken) assert.ok(parseProcNet("tcp", readFileSync("/proc/net/tcp", "utf8")).some((r) => r.local === "127.0.0.1:8000"), "the host's 8000 is another socket");
    } finally {
      box.stop();
      host.close();
    }
  });

  it("end every process inside when stopped, a setsid'd grandchild too, and free its ports", async () => {
    const box = await RunSandbox.start();
    const { line } = await runInside(
      box,
      "import os,socket,time\nif os.fork()==0:\n os.setsid()\n if os.fork()==0:\n  s=socket.socket(); s.bind(('127.0.0.1',8000)); s.listen(); print(os.readlink('/proc/self'), flush=True); time.sleep(30)\n os._exit(0)\ntime.sleep(30)",
    );
    const escaped = Number(line);
    assert.ok(alive(escaped));
    box.stop();
    await until("the setsid'd grandchild to die", () => !alive(escaped));
    await until("the holder to be gone (reaped)", () => !existsSync(`/proc/${box.pid}`));
  });

  it("die with the tutor, even when it is killed with SIGKILL", async () => {
    const script = path.join(tmp, "tutor.mjs");
    const mod = path.join(repoRoot, "dist", "src", "sandbox", "namespace.js");
    execFileSync(process.execPath, ["-e", `require("fs").writeFileSync(${JSON.stringify(script)}, ${JSON.stringify(`
      import { spawn } from "node:child_process";
      const { RunSandbox } = await import(${JSON.stringify(mod)});
      const box = await RunSandbox.start();
      const { cmd, args } = box.wrap("sleep", ["60"]);
      const c = spawn(cmd, args, { stdio: "ignore" });
      console.log(box.pid + " " + c.pid);
      setInterval(() => {}, 1000);
    `)})`]);
    const tutor = spawn(process.execPath, [script], { stdio: ["ignore", "pipe", "inherit"] });
    const [holder, nsenter] = (await new Promise<string>((resolve) => tutor.stdout.once("data", (d: Buffer) => resolve(d.toString())))).trim().split(" ").map(Number);
    assert.ok(alive(holder!) && alive(nsenter!));
    tutor.kill("SIGKILL");
    await until("the holder and the program inside to die with the tutor", () => !alive(holder!) && !alive(nsenter!));
  });

  it("hand the checker its sockets made inside: connect, a refused connect, a server, UDP", async () => {
    const box = await RunSandbox.start();
    const broker = new SocketBroker(box);
    try {
      await runInside(box, LISTEN_8000.replace("s.listen()", "s.listen()\nimport threading\ndef serve():\n  while True:\n    c,_=s.accept(); c.sendall(c.recv(100)); c.close()\nthreading.Thread(target=serve,daemon=True).start()"));
      const sock = await broker.connect({ host: "127.0.0.1", port: 8000 }, 2000);
      sock.write("ping");
      const echo = await new Promise<string>((resolve) => sock.once("data", (d: Buffer) => resolve(d.toString())));
      assert.equal(echo, "ping", "an echo through the private loopback");
      sock.destroy();
      await assert.rejects(broker.connect({ host: "127.0.0.1", port: 8001 }, 2000), (e: NodeJS.ErrnoException) => e.code === "ECONNREFUSED");
      const server = await broker.listen("127.0.0.1");
      const port = (server.address() as net.AddressInfo).port;
      const accepted = new Promise<void>((resolve) => server.once("connection", (c) => (c.destroy(), resolve())));
      await runInside(box, `import socket\ns=socket.create_connection(('127.0.0.1',${port})); print('in', flush=True)`);
      await accepted;
      server.close();
      const u = await broker.udp("127.0.0.1", 4);
      assert.equal(u.address().address, "127.0.0.1");
      u.close();
      assert.equal(net.connect({ host: "127.0.0.1", port }).once("error", () => undefined) !== undefined, true);
    } finally {
      broker.dispose();
      box.stop();
    }
  });

  it("work for an unprivileged user (nobody)", { skip: process.getuid?.() !== 0 || !existsSync("/usr/bin/setpriv") ? "needs root to become nobody" : false }, () => {
    const mod = path.join(repoRoot, "dist", "src", "sandbox", "namespace.js");
    const r = spawnSync("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", process.execPath, "--input-type=module", "-e", `
      const { RunSandbox } = await import(${JSON.stringify(mod)});
      const { spawnSync } = await import("node:child_process");
      const box = await RunSandbox.start();
      const { cmd, args } = box.wrap("/usr/bin/python3", ["-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1', 80)); print('bound', s.getsockname()[1])"]);
      const r = spawnSync(cmd, args, { encoding: "utf8" });
      console.log(r.stdout.trim() || r.stderr.trim());
      box.stop();
    `], { encoding: "utf8", cwd: "/", timeout: 15000 });
    assert.match(r.stdout, /bound 80/, `${r.stdout}${r.stderr}: as nobody, the run's own loopback (root of its namespace: even port 80)`);
  });
});

describe("where private namespaces are not available", () => {
  it("SOCKET_TUTOR_SANDBOX=off says so", async () => {
    assert.deepEqual(await sandboxSupport({ ...process.env, SOCKET_TUTOR_SANDBOX: "off" }), { available: false, reason: "SOCKET_TUTOR_SANDBOX is off" });
  });

  it("a missing unshare is named", async () => {
    const r = await sandboxSupport({ PATH: tmp });
    assert.equal(r.available, false);
    assert.match(r.reason ?? "", process.platform === "linux" ? /unshare \(util-linux\) is not installed/ : /no Linux namespaces/);
  });
});
