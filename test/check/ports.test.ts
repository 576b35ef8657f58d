import assert from "node:assert/strict";
import net from "node:net";
import { describe, it } from "node:test";
import { freeForBoth, freeTcpPort, freeUdpPort, type PortBinders } from "../../src/check/ports.js";

/**
 * The checker's PORT is free for TCP and UDP alike: in the suite's pass without private
 * networks, udp-upper's tcp-instead.py got "address already in use" on a UDP-free port
 * another test held for TCP, and the check said "an earlier run of yours still going?"
 * instead of "that is a TCP socket".
 */
describe("the checker's free port", () => {
  it("skips a port the kernel gives for one protocol while the other holds it", async () => {
    const heldForTcp = 40001;
    const picks = [heldForTcp, 40002];
    const bind: PortBinders = {
      udp: async (_host, port) => (port === 0 ? picks.shift()! : port),
      tcp: async (_host, port) => {
        if (port === heldForTcp) throw Object.assign(new Error("in use"), { code: "EADDRINUSE" });
        return port;
      },
    };
    assert.equal(await freeForBoth("127.0.0.1", "udp", bind), 40002);
  });

  it("gives up after a bounded number of tries (the last port, whose clash then shows as EADDRINUSE)", async () => {
    let tries = 0;
    const bind: PortBinders = {
      tcp: async (_host, port) => (port === 0 ? 40100 + ++tries : port),
      udp: async () => {
        throw new Error("in use");
      },
    };
    const port = await freeForBoth("127.0.0.1", "tcp", bind);
    assert.equal(tries, 20);
    assert.equal(port, 40120);
  });

  it("a real port from each is bindable by both protocols at once after", async () => {
    for (const get of [freeTcpPort, freeUdpPort]) {
      const port = await get("127.0.0.1");
      const server = net.createServer();
      await new Promise<void>((resolve, reject) => server.once("error", reject).listen({ host: "127.0.0.1", port, exclusive: true }, resolve));
      server.close();
    }
  });
});
