import type { render as en } from "../en/render.js";
import type { Translation } from "../translation.js";

export const render: Translation<typeof en> = {
};
