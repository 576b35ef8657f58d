import type { chatBye as en } from "../en/chatBye.js";
import type { Translation } from "../translation.js";

export const chatBye: Translation<typeof en> = {
};
