/** Words shared by every part of the tutor. */
export const common = {
  "common.bytes": "{n, plural, one {# byte} other {# bytes}}",
  "common.kib": "{n} KiB",
  "common.mib": "{n} MiB",
  "common.note": "note:",
  "common.warning": "warning:",
  // Joins clauses that each say something of their own ("piece 2 ends inside …; piece 5 ends inside …").
  "common.clauseSeparator": "; ",
} as const;
