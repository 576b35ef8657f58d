import type { progress as en } from "../en/progress.js";
import type { Translation } from "../translation.js";

export const progress: Translation<typeof en> = {
};
