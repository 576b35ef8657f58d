import type { sandbox as en } from "../en/sandbox.js";
import type { Translation } from "../translation.js";

export const sandbox: Translation<typeof en> = {
};
