import type { wire as en } from "../en/wire.js";
import type { Translation } from "../translation.js";

export const wire: Translation<typeof en> = {
};
