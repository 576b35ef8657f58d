import type { check as en } from "../en/check.js";
import type { Translation } from "../translation.js";

export const check: Translation<typeof en> = {
};
