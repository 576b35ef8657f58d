import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { packageRoot } from "../../src/paths.js";
import { learnerCwd, shellQuote, tutorCommand } from "../../src/util/invocation.js";

const tmp = mkdtempSync(path.join(os.tmpdir(), "st-invocation-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const cli = path.join(packageRoot, "dist", "src", "cli.js");

describe("how printed commands run the tutor", () => {
  it("says socket-tutor when that name on PATH is this program", () => {
    const bin = path.join(tmp, "bin");
    mkdirSync(bin);
    // npm makes a package's bin executable when it installs it; so does this test.
    chmodSync(cli, 0o755);
    symlinkSync(cli, path.join(bin, "socket-tutor"));
    assert.equal(tutorCommand({ PATH: bin }, "/"), "socket-tutor");
  });

  it("does not trust another program called socket-tutor", () => {
    const bin = path.join(tmp, "other");
    mkdirSync(bin);
    writeFileSync(path.join(bin, "socket-tutor"), "#!/bin/sh\necho someone else\n");
    chmodSync(path.join(bin, "socket-tutor"), 0o755);
    assert.equal(tutorCommand({ PATH: bin }, "/"), `node ${cli}`);
  });

  it("runs cli.js by a short relative path inside the package, an absolute one elsewhere", () => {
    assert.equal(tutorCommand({ PATH: "" }, packageRoot), "node dist/src/cli.js");
    assert.equal(tutorCommand({ PATH: "" }, path.join(packageRoot, "dist")), "node src/cli.js");
    assert.equal(tutorCommand({ PATH: "" }, tmp), `node ${cli}`);
  });

  it("uses the folder the learner started npm from, when npm runs the tutor in its package root", () => {
    const npm = { INIT_CWD: "/home/learner/work", npm_lifecycle_event: "start", npm_package_json: path.join(packageRoot, "package.json") };
    assert.equal(learnerCwd(npm, packageRoot), "/home/learner/work");
    assert.equal(learnerCwd({ ...npm, INIT_CWD: "relative" }, packageRoot), packageRoot);
    // A process below an npm script inherits INIT_CWD; in a folder of its own, that folder is the learner's.
    assert.equal(learnerCwd(npm, tmp), tmp);
    assert.equal(learnerCwd({ INIT_CWD: "/home/learner/work" }, packageRoot), packageRoot, "INIT_CWD without npm running a script");
    // Inherited from another package's script (a test suite, a copy of the tutor elsewhere): not this package's.
    assert.equal(learnerCwd({ ...npm, npm_package_json: path.join(tmp, "package.json") }, packageRoot), packageRoot);
  });

  it("quotes paths the shell would split", () => {
    assert.equal(shellQuote("/a b/it's"), "'/a b/it'\\''s'");
    assert.equal(shellQuote("dist/src/cli.js"), "dist/src/cli.js");
  });
});
