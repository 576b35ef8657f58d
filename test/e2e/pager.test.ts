/**
 * The lesson walk's pages at 80x24: a step longer than the screen goes on on a
 * "(continued)" page, and that page always has some of the step's text on it (it used
 * to be the header alone when only the prompt after the text did not fit).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cliPath, tempHome } from "../support/cli.js";
import { hasTmux, TmuxSession } from "../support/tmux.js";

const skip = hasTmux() ? false : "tmux is not installed";

describe("the lesson walk's pages at 80x24", { skip }, () => {
  it("a continued page carries text, not only the header (lesson 12, step 1)", async () => {
    const t = await TmuxSession.start([process.execPath, cliPath, "lesson", "framing"], { width: 80, height: 24, env: { SOCKET_TUTOR_HOME: tempHome() } });
    try {
      const first = await t.waitFor(/Messages on a byte stream[\s\S]*\? (More of this step below|Step 1 of)/);
      // This step's text fits in 24 rows, but not with its prompt after it.
      assert.match(first, /More of this step below/, first);
      {
        await t.keys("Enter");
        const next = await t.waitFor(/\(continued\)[\s\S]*\? /);
        const lines = next.split("\n");
        const head = lines.findIndex((l) => l.includes("(continued)"));
        const prompt = lines.findIndex((l, i) => i > head && l.startsWith("? "));
        const body = lines.slice(head + 1, prompt).filter((l) => l.trim() !== "");
        assert.ok(body.length > 0, `the continued page has the step's text:\n${next}`);
      }
      await t.keys("C-c");
    } finally {
      t.close();
    }
  });
});
