import { describe } from "node:test";
import { exerciseCases } from "./support.js";

describe("tcp-client", { concurrency: 4 }, () => {
  exerciseCases("tcp-client", [
    {
      // Seed 1 sends the answer in one piece, which one recv() gets whole; seed 2 sends single bytes first.
      file: "tcp-client/read-once.py",
      check: /reads the whole answer/,
      detail: [/The server sent 2\d\d bytes in 10 pieces of 1, 1, 1, 1, 1, 1, 1, 1, \d+, \d+ bytes, each sent once your program had read the one before/, /printed only the first piece of the 10/, /one recv\(\)/, /until recv returns b''/],
      hint: /lesson 7/,
    },
    {
      // The old starter's advice: decode each piece. Seed 3 cuts inside é, → and 🙂.
      file: "tcp-client/decode-per-piece.py",
      check: /reads the whole answer/,
      detail: [/piece 1 ends inside the 2-byte character é/, /decoded each piece as text by itself: half a character is not valid UTF-8, so decode\(\) raised UnicodeDecodeError/, /sys\.stdout\.buffer\.write\(piece\)/, /exited with code 1/],
      hint: /lesson 7/,
    },
    {
      file: "tcp-client/decode-per-piece.mjs",
      check: /reads the whole answer/,
      detail: [/first difference at byte \d+/, /U\+FFFD/, /turned each piece into text by itself/, /process\.stdout\.write\(chunk\) with the Buffer itself/],
    },
    {
      file: "tcp-client/never-sends.py",
      check: /sends MESSAGE/,
      detail: [/MESSAGE is b'hello from socket-tutor, check \d+'/, /waited \d+(\.\d)? s for MESSAGE and got nothing/],
    },
    {
      file: "tcp-client/print-per-piece.py",
      check: /reads the whole answer/,
      detail: [/extra line breaks where the pieces arrived/, /print\(\) adds a newline/],
    },
    {
      file: "tcp-client/never-exits.mjs",
      check: /reads the whole answer/,
      detail: [/later your program was still running/, /recv\(\) returns b''/],
    },
    {
      file: "tcp-client/hardcoded-port.py",
      fixturePort: true,
      check: /connects to HOST:PORT/,
      detail: [/exited with code 1 .* without connecting to 127\.0\.0\.1:\d+/, /ConnectionRefusedError/, /Connect to HOST and PORT from the environment/],
    },
    { file: "common/crash-at-start.py", check: /connects to HOST:PORT/, detail: [/exited with code 1/, /KeyError: 'PORTT'/] },
    { file: "common/hang.py", check: /connects to HOST:PORT/, detail: [/No connection to 127\.0\.0\.1:\d+ within \d+(\.\d)? s; your program is still running/, /no socket open/] },
  ]);
});
