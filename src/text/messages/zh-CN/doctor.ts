import type { doctor as en } from "../en/doctor.js";
import type { Translation } from "../translation.js";

export const doctor: Translation<typeof en> = {
};
