/**
 * A failing verify in Chinese: the report, the check names and the diagnosis of the
 * failure come from the zh-CN catalog; the data (b'…' excerpts, errno names) stays as it is.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { catalogOf } from "../../src/text/catalog.js";
import { repoRoot, runCli, tempHome } from "../support/cli.js";
import { pythonSkip } from "../demo/lesson-demo-helpers.js";

const zh = catalogOf("zh-CN");

describe("verify in Chinese", { skip: pythonSkip }, () => {
  it("a server that calls recv() once: not passed, with the diagnosis in Chinese", async () => {
    const file = path.join(repoRoot, "test", "fixtures", "exercises", "tcp-echo", "single-recv.py");
    const r = await runCli(["verify", "tcp-echo", file, "--lang", "zh-CN"], { env: { SOCKET_TUTOR_HOME: tempHome() }, timeoutMs: 60_000 });
    assert.equal(r.code, 1, r.stderr);
    const out = r.stdout.replace(/\s*\n\s*/g, "");
    assert.match(out, /还没通过：\d+ 项检查中通过了 \d+ 项。/);
    assert.ok(out.includes(zh["echo.check.short"]!), "the check names in Chinese");
    assert.ok(out.includes("你的服务器很可能每个连接只调用一次 recv()。"), `the diagnosis in Chinese:\n${r.stdout}`);
    assert.match(out, /b'second client\\n'/, "the data as it was sent");
  });

  it("a server that serves one client at a time: the clients still waiting are listed with 、", async () => {
    const file = path.join(repoRoot, "test", "fixtures", "exercises", "concurrent-echo", "one-at-a-time.py");
    const r = await runCli(["verify", "concurrent-echo", file, "--lang", "zh-CN"], { env: { SOCKET_TUTOR_HOME: tempHome() }, timeoutMs: 90_000 });
    assert.equal(r.code, 1, r.stderr);
    // Read without the line breaks the report wraps at (where the path is long, a break falls after "9").
    const out = r.stdout.replace(/\s*\n\s*/g, "");
    assert.ok(out.replace(/\s+/g, "").includes("9个客户端（2、3、4、5、6、7、8、9、10）什么也没收到"), `the list with 、:\n${r.stdout}`);
    assert.doesNotMatch(out, /\d, \d/, "no English comma between the numbers");
  });
});
