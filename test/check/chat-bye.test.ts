import { describe } from "node:test";
import { commonServerCases, exerciseCases } from "./support.js";

describe("chat-bye", { concurrency: 4 }, () => {
  exerciseCases("chat-bye", [
    {
      file: "chat-bye/per-recv.py",
      check: /two lines that arrive in one segment/,
      detail: [/Expected b'echo: hello\\necho: world\\n', got b'echo: hello\\nworld\\n'/, /answered the whole recv\(\) as if it were one line/],
      hint: /lesson 8, The chat/,
    },
    {
      file: "chat-bye/lost-partial.py",
      check: /a line that arrives in two pieces/,
      detail: [/got b'echo: it\\n'/, /the first one \(b'spl'\) was lost/],
    },
    {
      file: "chat-bye/no-exit.py",
      check: /exits with status 0 after bye/,
      detail: [/still running \d+(\.\d)? s after the client said bye/],
    },
    {
      file: "chat-bye/no-exit.mjs",
      check: /exits with status 0 after bye/,
      detail: [/still running \d+(\.\d)? s after the client said bye/, /server\.close\(\)/],
    },
    ...commonServerCases("tcp"),
  ]);
});
