import { echoChecker } from "./echo-family.js";

export const checker = echoChecker("ipv6-echo", { kind: "tcp", host: "::1" }, false);
