import { describe } from "node:test";
import { commonServerCases, exerciseCases } from "./support.js";

describe("unix-echo", { concurrency: 4 }, () => {
  exerciseCases("unix-echo", [
    {
      file: "unix-echo/tcp-instead.py",
      fixturePort: true,
      check: /^starts and listens on SOCKET_PATH/,
      detail: [/Your program is listening on TCP 127\.0\.0\.1:\d+, but this exercise needs an AF_UNIX stream socket bound to SOCKET_PATH/],
      hint: /lesson 3/,
    },
    {
      file: "unix-echo/wrong-path.py",
      check: /^starts and listens on SOCKET_PATH/,
      detail: [/bound a Unix socket at \S+\.fixed, but SOCKET_PATH is/],
    },
    {
      // It answers the first chunk and closes: the client that stays for a second message finds it closed.
      file: "unix-echo/single-recv.mjs",
      check: /short message while the client stays connected/,
      detail: [/the echo of the first message came back, and the client stayed connected/, /your server had (already )?closed/, /recv\(\) once per connection/],
    },
    {
      file: "unix-echo/dir-at-path.py",
      check: /^starts and listens on SOCKET_PATH/,
      detail: [/SOCKET_PATH \(\S+\) is a directory/, /bind\(\) creates the socket file itself/],
      hint: /lesson 3/,
    },
    {
      file: "unix-echo/file-at-path.py",
      check: /^starts and listens on SOCKET_PATH/,
      detail: [/SOCKET_PATH \(\S+\) is a regular file, not a socket/, /bind\(\) creates the socket file itself/],
    },
    // Hard-coding does not apply to a path the checker creates; the other two common failures do.
    ...commonServerCases("tcp").filter((c) => !c.file.includes("hardcoded")),
  ]);
});
