import type { menu as en } from "../en/menu.js";
import type { Translation } from "../translation.js";

export const menu: Translation<typeof en> = {
};
