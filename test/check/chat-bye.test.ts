import { describe } from "node:test";
import { commonServerCases, exerciseCases } from "./support.js";

describe("chat-bye", { concurrency: 4 }, () => {
  exerciseCases("chat-bye", [
    {
      // Seed 1 sends both lines in one piece.
      file: "chat-bye/per-recv.py",
      check: /two lines, in whatever pieces they arrive/,
      detail: [/The client sent b'hello\\nworld\\n' in one piece/, /Expected b'echo: hello\\necho: world\\n', got b'echo: hello\\nworld\\n'/, /answered the whole recv\(\) as if it were one line/],
      hint: /lesson 8, The chat/,
    },
    {
      // Seed 2 sends single bytes: the partial lines b'h', b'e'… are dropped, the lone b'\n' answered.
      file: "chat-bye/lost-partial.py",
      check: /two lines, in whatever pieces they arrive/,
      detail: [/in 10 pieces: b'h', b'e', b'l', b'l', b'o', b'\\n'/, /got b'echo: \\necho: \\n'/, /the start of that line, which came in an earlier piece, was lost/],
    },
    {
      file: "chat-bye/keeps-cr.py",
      check: /a line that ends in \\r\\n, without the \\r/,
      detail: [/Expected b'echo: hi\\n', got b'echo: hi\\r\\n'\./, /kept the \\r/, /Drop it before answering/],
      hint: /lesson 8, The chat/,
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
    {
      file: "chat-bye/stays-after-leave.py",
      check: /exits with status 0 when the client leaves without bye/,
      detail: [/The client sent b'hello\\n' .*read its echo, and closed the connection without saying bye/, /later your program was still running/, /recv\(\) returning b'' means the client has left/],
      hint: /lesson 10/,
    },
    ...commonServerCases("tcp"),
  ]);
});
