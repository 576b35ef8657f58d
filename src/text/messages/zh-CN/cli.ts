import type { cli as en } from "../en/cli.js";
import type { Translation } from "../translation.js";

export const cli: Translation<typeof en> = {
};
