import type { reset as en } from "../en/reset.js";
import type { Translation } from "../translation.js";

export const reset: Translation<typeof en> = {
};
