/**
 * Every --help, the exercise list and the progress report fit the terminal: at 80 (and 60) columns no line is wider, in English
 * and in Chinese, and a wrapped command-list entry continues under its own column.
 * (The terminal used to cut words at the edge: "./socket-tutor-exer" / "cises/".)
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { COMMANDS } from "../../src/commands/registry.js";
import { displayWidth } from "../../src/text/width.js";
import { runCli, tempHome } from "../support/cli.js";

describe("--help at the terminal's width", () => {
  it("the command list and each command's help: no line wider than COLUMNS", async () => {
    const home = tempHome();
    for (const lang of ["en", "zh-CN"]) {
      for (const columns of [80, 60]) {
        for (const args of [["--help"], ...COMMANDS.map((c) => [c.name, "--help"])]) {
          const r = await runCli([...args, "--lang", lang], { env: { SOCKET_TUTOR_HOME: home, COLUMNS: String(columns), SOCKET_TUTOR_LANG: "" } });
          assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
          const wide = r.stdout.split("\n").filter((l) => displayWidth(l) > columns);
          assert.deepEqual(wide, [], `${lang} ${args.join(" ")} at ${columns} columns`);
        }
      }
    }
  });

  it("exercise (the list), progress and hint: no line wider than COLUMNS, in either language", async () => {
    const home = tempHome();
    // Some progress first, so progress has lines to print (the next lesson's command is the long one).
    await runCli(["exercise", "tcp-echo", "--lang", "en"], { env: { SOCKET_TUTOR_HOME: home }, cwd: home });
    for (const lang of ["en", "zh-CN"]) {
      for (const columns of [80, 60]) {
        // hint shows the next hint each time, then says it was the last: both lines end with a command.
        for (const args of [["exercise"], ["progress"], ["hint", "tcp-echo"]]) {
          const r = await runCli([...args, "--lang", lang], { env: { SOCKET_TUTOR_HOME: home, COLUMNS: String(columns), SOCKET_TUTOR_LANG: "" } });
          assert.equal(r.code, 0, r.stderr);
          const wide = r.stdout.split("\n").filter((l) => displayWidth(l) > columns);
          assert.deepEqual(wide, [], `${lang} ${args.join(" ")} at ${columns} columns`);
        }
      }
    }
  });

  it("a wrapped entry of the command list continues under the descriptions' column", async () => {
    const r = await runCli(["--help", "--lang", "zh-CN"], { env: { SOCKET_TUTOR_HOME: tempHome(), COLUMNS: "80" } });
    const lines = r.stdout.split("\n");
    const at = lines.findIndex((l) => l.startsWith("  exercise [<exercise>]"));
    assert.ok(at >= 0, r.stdout);
    const column = lines[at]!.indexOf("显示");
    assert.match(lines[at + 1]!, new RegExp(`^ {${column}}\\S`), `${lines[at]}\n${lines[at + 1]}`);
  });
});
