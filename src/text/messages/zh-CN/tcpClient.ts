import type { tcpClient as en } from "../en/tcpClient.js";
import type { Translation } from "../translation.js";

export const tcpClient: Translation<typeof en> = {
};
