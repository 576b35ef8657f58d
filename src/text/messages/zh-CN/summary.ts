import type { summary as en } from "../en/summary.js";
import type { Translation } from "../translation.js";

export const summary: Translation<typeof en> = {
};
