import type { exercise as en } from "../en/exercise.js";
import type { Translation } from "../translation.js";

export const exercise: Translation<typeof en> = {
};
