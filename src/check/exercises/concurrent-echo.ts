import { echoChecker } from "../common/echo-family.js";

export const checker = echoChecker("concurrent-echo", { kind: "tcp", host: "127.0.0.1" }, true);
