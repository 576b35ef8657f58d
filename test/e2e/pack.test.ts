import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { promisify } from "node:util";
import { repoRoot, tempHome } from "../support/cli.js";
import { hasTmux, TmuxSession } from "../support/tmux.js";

const run = promisify(execFile);
const work = mkdtempSync(path.join(os.tmpdir(), "st-pack-"));
const home = tempHome();
after(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

/**
 * The way users install CLIs: npm pack, then a global install of the tarball
 * (into a private prefix here), then the command from an unrelated folder.
 * dist/ is already built by `npm test`, so pack skips the prepare script.
 */
describe("installed from the packed tarball", { timeout: 180_000 }, () => {
  const prefix = path.join(work, "prefix");
  const elsewhere = mkdtempSync(path.join(os.tmpdir(), "st-elsewhere-"));
  after(() => rmSync(elsewhere, { recursive: true, force: true }));
  const bin = path.join(prefix, "bin", "socket-tutor");
  const env = { ...process.env, SOCKET_TUTOR_HOME: home, NO_COLOR: "1" };

  it("packs and installs globally", async () => {
    await run("npm", ["pack", "--ignore-scripts", "--pack-destination", work], { cwd: repoRoot, timeout: 60_000 });
    const tgz = readdirSync(work).find((f) => /^socket-tutor-.*\.tgz$/.test(f));
    assert.ok(tgz, "npm pack wrote a tarball");
    const { stdout: listing } = await run("tar", ["-tzf", path.join(work, tgz)]);
    assert.match(listing, /package\/dist\/src\/cli\.js/);
    assert.match(listing, /package\/lessons\/01-what-is-a-socket\/lesson\.md/);
    assert.doesNotMatch(listing, /package\/(test|src\/.*\.ts|dist\/test)\//, "no tests or TypeScript sources in the package");
    await run("npm", ["install", "-g", "--prefix", prefix, "--prefer-offline", "--no-audit", "--no-fund", path.join(work, tgz)], { cwd: work, timeout: 150_000 });
  });

  it("runs from any folder: --version, list, show", async () => {
    const v = await run(bin, ["--version"], { cwd: elsewhere, env });
    assert.match(v.stdout, /^\d+\.\d+\.\d+\n$/);
    const list = await run(bin, ["list"], { cwd: elsewhere, env });
    assert.match(list.stdout, /what-is-a-socket +What a socket is/);
    const show = await run(bin, ["show", "1"], { cwd: elsewhere, env });
    assert.match(show.stdout, /Lesson 1: What a socket is/);
  });

  it("start shows the menu", { skip: hasTmux() ? false : "tmux is not installed" }, async () => {
    const t = await TmuxSession.start([bin, "start"], { cwd: elsewhere, env: { SOCKET_TUTOR_HOME: home } });
    try {
      const screen = await t.waitFor("Choose a lesson", 10_000);
      assert.match(screen, /1\. What a socket is/);
      await t.keys("C-c");
      assert.equal(await t.exitCode(), 130);
    } finally {
      t.close();
    }
  });
});
