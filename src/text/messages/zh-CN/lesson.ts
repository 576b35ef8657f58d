import type { lesson as en } from "../en/lesson.js";
import type { Translation } from "../translation.js";

export const lesson: Translation<typeof en> = {
};
