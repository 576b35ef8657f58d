import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { liveTerminalProblem } from "../../src/ui/live/terminal.js";

describe("which terminals get the full-screen live view", () => {
  it("TERM unset or empty (no cursor movement known): the plain view, named 'unset'", () => {
    assert.equal(liveTerminalProblem({}), "unset");
    assert.equal(liveTerminalProblem({ TERM: "" }), "unset");
    assert.equal(liveTerminalProblem({ TERM: "   " }), "unset");
  });
  it("TERM=dumb and TERM=unknown: the plain view, named by their TERM", () => {
    assert.equal(liveTerminalProblem({ TERM: "dumb" }), "dumb");
    assert.equal(liveTerminalProblem({ TERM: " dumb " }), "dumb");
    assert.equal(liveTerminalProblem({ TERM: "unknown" }), "unknown");
  });
  it("every common terminal: the full-screen view", () => {
    for (const term of ["xterm", "xterm-256color", "screen", "screen-256color", "tmux", "tmux-256color", "linux", "vt100"]) assert.equal(liveTerminalProblem({ TERM: term }), undefined, term);
  });
});
