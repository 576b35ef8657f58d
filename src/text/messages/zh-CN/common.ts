import type { common as en } from "../en/common.js";
import type { Translation } from "../translation.js";

export const common: Translation<typeof en> = {
  "common.bytes": "{n, plural, other {# 字节}}",
  "common.kib": "{n} KiB",
  "common.mib": "{n} MiB",
  "common.note": "提示：",
  "common.warning": "警告：",
  "common.clauseSeparator": "；",
};
