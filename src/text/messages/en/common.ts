/** Words shared by every part of the tutor. */
export const common = {
  "common.bytes": "{n, plural, one {# byte} other {# bytes}}",
  "common.kib": "{n} KiB",
  "common.mib": "{n} MiB",
  "common.note": "note:",
  "common.warning": "warning:",
} as const;
