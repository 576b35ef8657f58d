/**
 * Bytes are shown one way everywhere: Python's b'…' (printable ASCII as is, every
 * other byte \xNN). The shared function matches Python's own repr, the Node
 * tracer's copy is the same function, and a Node demo's calls come out in it.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { bytesLiteral } from "../../src/text/bytes-literal.js";
import { repoRoot } from "../support/cli.js";
import { runDemo } from "../support/demo.js";

const samples: Buffer[] = [
  Buffer.from("hello"),
  Buffer.from("MIXED: café ☕\n", "utf8"),
  Buffer.from("it's"),
  Buffer.from("say \"hi\""),
  Buffer.from("both ' and \""),
  Buffer.from([0, 1, 9, 10, 13, 27, 31, 32, 92, 126, 127, 128, 200, 255]),
  Buffer.alloc(0),
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
];

function pythonRepr(bufs: Buffer[]): string[] | undefined {
  const code = "import json,sys; print(json.dumps([repr(bytes.fromhex(h)) for h in json.load(sys.stdin)]))";
  const r = spawnSync("python3", ["-c", code], { input: JSON.stringify(bufs.map((b) => b.toString("hex"))), encoding: "utf8" });
  return r.status === 0 ? (JSON.parse(r.stdout) as string[]) : undefined;
}

describe("bytes as b'…'", () => {
  it("matches Python's repr of bytes", { skip: pythonRepr([Buffer.from("x")]) === undefined ? "python3 is not available" : false }, () => {
    assert.deepEqual(samples.map(bytesLiteral), pythonRepr(samples));
  });

  it("the Node tracer's copy is the same function", () => {
    const body = (file: string): string => {
      const text = readFileSync(path.join(repoRoot, file), "utf8");
      const m = /function bytesLiteral\(buf: Uint8Array\): string \{[\s\S]*?\n\}/.exec(text);
      assert.ok(m, `${file} has bytesLiteral`);
      return m[0];
    };
    assert.equal(body("src/demo/tracers/node/preload.ts"), body("src/text/bytes-literal.ts"));
  });

  it("a Node demo shows the bytes it sent and read as b'…', with the count", async () => {
    const run = await runDemo("byte-stream", { runtime: "node", mode: "run" });
    const calls = run.state.processes.flatMap((p) => p.calls);
    const send = calls.find((c) => c.proc === "client" && c.call === "send");
    assert.deepEqual(send?.args, ["b'hello '"]);
    const recv = calls.find((c) => c.proc === "server" && c.call === "recv");
    assert.match(recv?.result ?? "", /^11 bytes b'hello world'$/);
  });
});
