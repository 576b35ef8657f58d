import { describe } from "node:test";
import { cSolutionPasses } from "./c-solution.js";
import { commonServerCases, exerciseCases } from "./support.js";

describe("length-prefix", { concurrency: 4 }, () => {
  cSolutionPasses("length-prefix");
  exerciseCases("length-prefix", [
    {
      // "I" without "!": the machine's byte order. b'\x00\x00\x00\x05' read little-endian is 83886080.
      file: "length-prefix/little-endian.py",
      check: /replies to four messages sent together/,
      detail: [/No reply came for message 1 \(5 bytes\)/, /Read\s+little-endian it is 83886080/, /struct\.unpack\("!I", header\)/],
      hint: /lesson 12, Framing/,
    },
    {
      // Seed 1 sends the four messages in one piece: one recv() holds them all.
      file: "length-prefix/one-recv.py",
      check: /replies to four messages sent together/,
      detail: [/The replies to the first message of 4 were right/, /Messages 1 and 2 arrived together, in piece 1: one recv\(\) read the end of\s+one and the start of the next/, /recv_exactly\(\)/],
      hint: /lesson 12, Framing/,
    },
    {
      file: "length-prefix/text-reverse.mjs",
      check: /replies to four messages sent together/,
      detail: [/The reply to message 3 \(13 bytes\) reverses its characters, not its bytes/, /Do not decode it/],
    },
    {
      file: "length-prefix/no-limit.py",
      check: /closes on a length above 1 048 576/,
      detail: [/The reply to the first message was right, but then the connection stayed\s+open/, /waiting for all 1048577 bytes/, /Check the length before reading the payload/],
    },
    ...commonServerCases("tcp"),
  ]);
});
