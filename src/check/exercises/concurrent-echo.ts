import { echoChecker } from "./echo-family.js";

export const checker = echoChecker("concurrent-echo", { kind: "tcp", host: "127.0.0.1" }, true);
