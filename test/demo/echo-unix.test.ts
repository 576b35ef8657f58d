import { checkEcho } from "./echo-check.js";
import { checkBothEnds } from "./echo-rows.js";
import { inBothRuntimes } from "./lesson-demo-helpers.js";

inBothRuntimes("echo-unix: socket, bind, listen, accept, the echo of both messages, the right kind of LISTEN row", (runtime) =>
  checkEcho("echo-unix", runtime, ["hello", "over a Unix socket"]),
);

inBothRuntimes("echo-unix: a free run's table shows both ends of the connection, each with its owner", (runtime) => checkBothEnds("echo-unix", runtime));
