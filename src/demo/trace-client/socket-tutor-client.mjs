// socket-tutor's built-in client for `trace`: it connects to the port the traced
// program listens on (found in the kernel's table of the run's private network),
// sends each line typed into it, and prints what comes back.
import { readFileSync } from "node:fs";
import net from "node:net";
import readline from "node:readline";

function unhex4(h) {
  // /proc/net/tcp: an IPv4 address in hex, in host byte order (little-endian here)
  return [6, 4, 2, 0].map((i) => parseInt(h.slice(i, i + 2), 16)).join(".");
}

function unhex6(h) {
  const bytes = [];
  for (let w = 0; w < 32; w += 8) for (let i = 6; i >= 0; i -= 2) bytes.push(h.slice(w + i, w + i + 2));
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes[i] + bytes[i + 1]);
  return groups.join(":").replace(/\b0{1,3}/g, "");
}

function listener() {
  const fixed = process.env.SOCKET_TUTOR_TRACE_PORT;
  if (fixed) return { host: "127.0.0.1", port: Number(fixed) };
  for (const [table, v6] of [["tcp", false], ["tcp6", true]]) {
    let rows;
    try {
      rows = readFileSync(`/proc/net/${table}`, "utf8").split("\n").slice(1);
    } catch {
      continue;
    }
    for (const row of rows) {
      const f = row.trim().split(/\s+/);
      if (f.length < 4 || f[3] !== "0A") continue; // 0A: LISTEN
      const [addr, port] = f[1].split(":");
      let host = v6 ? unhex6(addr) : unhex4(addr);
      if (host === "0.0.0.0") host = "127.0.0.1";
      if (/^[0:]+$/.test(host)) host = "::1";
      return { host, port: parseInt(port, 16) };
    }
  }
  return undefined;
}

const found = listener();
if (!found) {
  console.log("no listening socket found: nothing to connect to");
} else {
  const sock = net.connect(found.port, found.host, () => {
    console.log("connected to", found.host, found.port, "- type a line, Enter sends it");
    const lines = readline.createInterface({ input: process.stdin });
    lines.on("line", (line) => sock.write(line + "\n"));
    lines.on("close", () => sock.end());
  });
  sock.on("data", (data) => console.log("got", JSON.stringify(data.toString("latin1"))));
  sock.on("end", () => {
    console.log("the program closed the connection");
    process.exit(0);
  });
}
