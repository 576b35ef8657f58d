import { echoChecker } from "../common/echo-family.js";

export const checker = echoChecker("unix-echo", { kind: "unix" }, false);
