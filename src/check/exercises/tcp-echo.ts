import { echoChecker } from "../common/echo-family.js";

export const checker = echoChecker("tcp-echo", { kind: "tcp", host: "127.0.0.1" }, false);
