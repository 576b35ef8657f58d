import type { list as en } from "../en/list.js";
import type { Translation } from "../translation.js";

export const list: Translation<typeof en> = {
};
