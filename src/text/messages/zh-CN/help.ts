import type { help as en } from "../en/help.js";
import type { Translation } from "../translation.js";

export const help: Translation<typeof en> = {
};
