import type { kernel as en } from "../en/kernel.js";
import type { Translation } from "../translation.js";

export const kernel: Translation<typeof en> = {
};
