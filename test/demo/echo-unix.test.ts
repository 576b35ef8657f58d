import { checkEcho } from "./echo-check.js";
import { inBothRuntimes } from "./lesson-demo-helpers.js";

inBothRuntimes("echo-unix: socket, bind, listen, accept, the echo of both messages, the right kind of LISTEN row", (runtime) =>
  checkEcho("echo-unix", runtime, ["hello", "over a Unix socket"]),
);
