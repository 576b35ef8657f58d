import type { udpUpper as en } from "../en/udpUpper.js";
import type { Translation } from "../translation.js";

export const udpUpper: Translation<typeof en> = {
};
