import type { lessons as en } from "../en/lessons.js";
import type { Translation } from "../translation.js";

export const lessons: Translation<typeof en> = {
};
