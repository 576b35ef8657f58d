import { describe } from "node:test";
import { exerciseCases } from "./support.js";

describe("tcp-client", { concurrency: 4 }, () => {
  exerciseCases("tcp-client", [
    {
      file: "tcp-client/read-once.py",
      check: /reads the whole answer/,
      detail: [/printed only the first piece/, /called recv\(\) once/, /until recv returns b''/],
      hint: /lesson 7/,
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
