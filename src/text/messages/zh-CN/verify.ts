import type { verify as en } from "../en/verify.js";
import type { Translation } from "../translation.js";

export const verify: Translation<typeof en> = {
};
