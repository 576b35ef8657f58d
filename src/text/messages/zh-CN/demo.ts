import type { demo as en } from "../en/demo.js";
import type { Translation } from "../translation.js";

export const demo: Translation<typeof en> = {
};
