import { describe } from "node:test";
import { cSolutionPasses } from "./c-solution.js";
import { commonServerCases, exerciseCases } from "./support.js";

describe("chat-room", { concurrency: 4 }, () => {
  cSolutionPasses("chat-room");
  exerciseCases("chat-room", [
    {
      file: "chat-room/echo-to-sender.py",
      check: /sends each line to every other member, never back to its sender/,
      detail: [/Ann sent 29 bytes b'hello everyone\\na second line\\n'/, /Then your server sent Ann its own line back: b'\[Ann\] hello everyone\\n/, /never back to the member who sent it/],
      hint: /lesson 13, Non-blocking I\/O done right/,
    },
    {
      // The broadcast holds the room's lock while sendall() waits for the member that does not read.
      file: "chat-room/locked-broadcast.py",
      check: /a member that stops reading does not hold up the others/,
      detail: [/Cat stopped reading\. Then Ann sent \d+ lines/, /Bob got only \d+ of the \d+ lines, then nothing for/, /waiting in send\(\) to Cat/, /never while holding a\s+lock/],
      hint: /lesson 13/,
    },
    {
      // Seed 1 sends both lines in one piece: forwarded as one message.
      file: "chat-room/forward-per-recv.py",
      check: /sends each line to every other member/,
      detail: [/Bob should have received b'\[Ann\] a second line\\n'; it got b'a second\s+line\\n'/, /One recv\(\) held two lines from Ann/],
    },
    ...commonServerCases("tcp"),
  ]);
});
