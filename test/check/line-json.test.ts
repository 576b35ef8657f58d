import { describe } from "node:test";
import { cSolutionPasses } from "./c-solution.js";
import { commonServerCases, exerciseCases } from "./support.js";

describe("line-json", { concurrency: 4 }, () => {
  cSolutionPasses("line-json");
  exerciseCases("line-json", [
    {
      // Seed 1 sends the four requests in one piece: one recv() holds them all, and json.loads() fails on it.
      file: "line-json/one-recv.py",
      check: /answers four requests sent together/,
      detail: [/is well-formed, but your\s+server answered it with an error/, /You replied to the first request only, and with an error: one recv\(\) read\s+two requests glued together/, /Keep a buffer/],
      hint: /lesson 12, Framing/,
    },
    {
      file: "line-json/error-no-close.py",
      check: /among the numbers with an error line, then closes/,
      detail: [/which is malformed: 1\.5 is not an\s+integer/, /The error line came, but the connection stayed open/, /then close the connection/],
      hint: /lesson 12, Framing/,
    },
    {
      file: "line-json/accepts-floats.py",
      check: /among the numbers with an error line, then closes/,
      detail: [/1\.5 is not an\s+integer/, /Your server accepted it and answered b'\{"method": "sum", "sum": 2\.5\}\\n'/, /it must be an integer/],
    },
    {
      file: "line-json/bool-is-int.py",
      check: /among the numbers with an error line, then closes/,
      detail: [/true is a\s+boolean, not a number/, /In Python, True is an int: isinstance\(True, int\) is True/],
    },
    ...commonServerCases("tcp"),
  ]);
});
