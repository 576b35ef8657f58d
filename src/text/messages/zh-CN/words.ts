import type { words as en } from "../en/words.js";
import type { Translation } from "../translation.js";

export const words: Translation<typeof en> = {
};
