import type { echo as en } from "../en/echo.js";
import type { Translation } from "../translation.js";

export const echo: Translation<typeof en> = {
};
