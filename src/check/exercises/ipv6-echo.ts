import { echoChecker } from "../common/echo-family.js";

export const checker = echoChecker("ipv6-echo", { kind: "tcp", host: "::1" }, false);
