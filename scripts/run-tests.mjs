#!/usr/bin/env node
// Runs every compiled *.test.js under dist/test with node:test, several files at once.
// (Node 20's --test does not expand globs, and given a folder it would also run the helpers.)
// Then, unless a filter was given, the demo and checker tests once more without private
// networks (SOCKET_TUTOR_SANDBOX=off): the path machines without Linux namespaces take.
import { readdirSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

const root = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "dist", "test");
const filter = process.argv.slice(2);

function testFiles(match) {
  const out = [];
  (function walk(dir) {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".test.js") && match(p)) out.push(p);
    }
  })(root);
  return out.sort();
}

const concurrency = process.env.TEST_CONCURRENCY ?? "4";
function run(files, env) {
  const r = spawnSync(process.execPath, ["--test", `--test-concurrency=${concurrency}`, ...files], { stdio: "inherit", env });
  return r.status ?? 1;
}

const files = testFiles((p) => filter.length === 0 || filter.some((f) => path.relative(root, p).includes(f)));
if (files.length === 0) {
  console.error(`no test files${filter.length ? ` matching ${filter.join(", ")}` : ""} under ${root}`);
  process.exit(1);
}
let status = run(files, process.env);
if (filter.length === 0 && process.env.SOCKET_TUTOR_SANDBOX !== "off") {
  // Matched below dist/test only: a checkout under a folder named "check" or "demo" (CI's is
  // /check/...) must not turn this pass into a run of every test file without networks.
  const fallback = testFiles((p) => /^(demo|check)[/\\]/.test(path.relative(root, p)));
  console.log(`\n# again without private networks (SOCKET_TUTOR_SANDBOX=off): ${fallback.length} demo and checker test files\n`);
  const again = run(fallback, { ...process.env, SOCKET_TUTOR_SANDBOX: "off" });
  if (status === 0) status = again;
}
process.exit(status);
