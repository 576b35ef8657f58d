import type { plain as en } from "../en/plain.js";
import type { Translation } from "../translation.js";

export const plain: Translation<typeof en> = {
};
