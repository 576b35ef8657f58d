import { checkOneAtATime } from "./many-clients-check.js";
import { inBothRuntimes } from "./lesson-demo-helpers.js";

inBothRuntimes("many-clients: a one-at-a-time server serves three clients in sequence while the others wait connected", (runtime) => checkOneAtATime(runtime));
