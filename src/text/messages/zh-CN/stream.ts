import type { stream as en } from "../en/stream.js";
import type { Translation } from "../translation.js";

export const stream: Translation<typeof en> = {
};
