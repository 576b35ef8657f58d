/**
 * Imports point one way: commands → ui → check / demo / course / render →
 * sandbox / kernel / lessons / exercises / progress → text / util. A module may
 * import from its own layer or a lower one, never a higher one, and two folders of
 * one layer never import each other (no cycle to untangle later).
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { repoRoot } from "./support/cli.js";

const LAYERS: Record<string, number> = {
  commands: 0,
  "cli.ts": 0,
  ui: 1,
  check: 2,
  demo: 2,
  course: 2,
  render: 2,
  sandbox: 3,
  kernel: 3,
  lessons: 3,
  exercises: 3,
  progress: 3,
  text: 4,
  util: 4,
  "paths.ts": 4,
  types: 4,
};

const src = path.join(repoRoot, "src");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : e.name.endsWith(".ts") ? [p] : [];
  });
}

/** The top folder (or file) of src/ a path belongs to. */
function unit(file: string): string {
  return path.relative(src, file).split(path.sep)[0]!.replace(/\.js$/, ".ts");
}

describe("layers", () => {
  const edges: { from: string; to: string; file: string; spec: string }[] = [];
  for (const file of files(src)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"|import\(\s*"(\.[^"]+)"\s*\)/g)) {
      const spec = (m[1] ?? m[2])!;
      const target = path.resolve(path.dirname(file), spec);
      if (!target.startsWith(src + path.sep)) continue;
      edges.push({ from: unit(file), to: unit(target), file: path.relative(repoRoot, file), spec });
    }
  }

  it("every folder of src/ has a layer", () => {
    const unknown = [...new Set(edges.flatMap((e) => [e.from, e.to]))].filter((u) => LAYERS[u] === undefined);
    assert.deepEqual(unknown, [], "give these a layer in test/layers.test.ts");
  });

  it("no import points to a higher layer", () => {
    const up = edges.filter((e) => (LAYERS[e.to] ?? 0) < (LAYERS[e.from] ?? 0)).map((e) => `${e.file} imports ${e.spec} (${e.from} → ${e.to})`);
    assert.deepEqual(up, []);
  });

  it("folders of one layer do not import each other both ways", () => {
    const pairs = new Set(edges.filter((e) => e.from !== e.to && LAYERS[e.from] === LAYERS[e.to]).map((e) => `${e.from}→${e.to}`));
    const cycles = [...pairs].filter((p) => {
      const [a, b] = p.split("→");
      return a! < b! && pairs.has(`${b}→${a}`);
    });
    assert.deepEqual(cycles, []);
  });
});
