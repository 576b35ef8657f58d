import { checkEcho } from "./echo-check.js";
import { checkBothEnds } from "./echo-rows.js";
import { inBothRuntimes } from "./lesson-demo-helpers.js";

inBothRuntimes("echo-ipv4: socket, bind, listen, accept, the echo of both messages, the right kind of LISTEN row", (runtime) =>
  checkEcho("echo-ipv4", runtime, ["hello", "over IPv4"]),
);

inBothRuntimes("echo-ipv4: a free run's table shows both ends of the connection, each with its owner", (runtime) => checkBothEnds("echo-ipv4", runtime));
