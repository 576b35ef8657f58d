#!/usr/bin/env node
// Runs every compiled *.test.js under dist/test with node:test, several files at once.
// (Node 20's --test does not expand globs, and given a folder it would also run the helpers.)
import { readdirSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

const root = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "dist", "test");
const filter = process.argv.slice(2);
const files = [];
(function walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith(".test.js") && (filter.length === 0 || filter.some((f) => p.includes(f)))) files.push(p);
  }
})(root);
if (files.length === 0) {
  console.error(`no test files${filter.length ? ` matching ${filter.join(", ")}` : ""} under ${root}`);
  process.exit(1);
}
const concurrency = process.env.TEST_CONCURRENCY ?? "4";
const r = spawnSync(process.execPath, ["--test", `--test-concurrency=${concurrency}`, ...files.sort()], { stdio: "inherit" });
process.exit(r.status ?? 1);
