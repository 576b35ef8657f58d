import { describe } from "node:test";
import { commonServerCases, exerciseCases } from "./support.js";

describe("concurrent-echo", { concurrency: 4 }, () => {
  exerciseCases("concurrent-echo", [
    {
      file: "concurrent-echo/one-at-a-time.py",
      check: /serves 10 clients at the same time/,
      detail: [/1 of 10 got their echo/, /9 clients \(2, 3, 4, 5, 6, 7, 8, 9, 10\) got nothing/, /serves one client at a time/],
      hint: /lesson 11, Many clients/,
    },
    ...commonServerCases("tcp"),
  ]);
});
