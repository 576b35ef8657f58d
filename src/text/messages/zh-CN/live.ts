import type { live as en } from "../en/live.js";
import type { Translation } from "../translation.js";

export const live: Translation<typeof en> = {
};
