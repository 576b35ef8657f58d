import { echoChecker } from "./echo-family.js";

export const checker = echoChecker("unix-echo", { kind: "unix" }, false);
