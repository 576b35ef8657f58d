/** Sizes in the words a learner reads: "900 bytes", "256 KiB", "1.5 MiB". */
import { t } from "./catalog.js";

export function formatSize(n: number): string {
  if (n < 1024) return t("common.bytes", { n });
  if (n < 1024 * 1024) return t("common.kib", { n: Number((n / 1024).toFixed(1)) });
  return t("common.mib", { n: Number((n / 1024 / 1024).toFixed(1)) });
}
