import { checkEcho } from "./echo-check.js";
import { inBothRuntimes } from "./lesson-demo-helpers.js";

inBothRuntimes("echo-ipv6: socket, bind, listen, accept, the echo of both messages, the right kind of LISTEN row", (runtime) =>
  checkEcho("echo-ipv6", runtime, ["hello", "over IPv6"]),
);
