import type { common as en } from "../en/common.js";
import type { Translation } from "../translation.js";

export const common: Translation<typeof en> = {
};
