import assert from "node:assert/strict";
import dgram from "node:dgram";
import { test } from "node:test";
import { choosePort } from "../../src/demo/ports.js";

/** Binds a UDP socket on 127.0.0.1 (port 0: any), to hold that port during a test. */
function holdUdp(port = 0): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket("udp4");
    s.once("error", reject);
    s.bind({ port, address: "127.0.0.1", exclusive: true }, () => resolve(s));
  });
}

test("choosePort with 2 ports: a busy PORT+1 moves the demo off its port (a relay's server would fail to bind there)", async (t) => {
  // A free port whose next one we then hold: the wanted port itself is free.
  const probe = await holdUdp();
  const wanted = probe.address().port;
  await new Promise<void>((r) => probe.close(() => r()));
  let next: dgram.Socket;
  try {
    next = await holdUdp(wanted + 1);
  } catch {
    return t.skip("the port after the probe is taken by another program");
  }
  try {
    assert.equal((await choosePort(wanted, "udp", "inet")).port, wanted, "one port: only the wanted one counts");
    const two = await choosePort(wanted, "udp", "inet", 2);
    assert.notEqual(two.port, wanted);
    assert.ok(two.port !== wanted + 1 && two.port + 1 !== wanted + 1, `the pair from ${two.port} leaves out the busy ${wanted + 1}`);
    assert.ok(two.busy, "it says the wanted port was not usable");
  } finally {
    await new Promise<void>((r) => next.close(() => r()));
  }
});

test("choosePort with 2 ports and any port: the kernel's pick and the one after it are both free", async () => {
  const { port } = await choosePort(0, "udp", "inet", 2);
  const a = await holdUdp(port);
  const b = await holdUdp(port + 1);
  await Promise.all([a, b].map((s) => new Promise<void>((r) => s.close(() => r()))));
});
