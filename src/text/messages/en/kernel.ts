/** The kernel's socket table and strace, as the views report them. */
export const kernel = {
  "kernel.ssFailed": "/proc/net (ss failed: {error})",
  // {why} is one of kernel.why.*: why ss did not give a value.
  "kernel.unknownBecause": "/proc/net does not show it and {why}",
  "kernel.why.notAsked": "ss was not asked",
  "kernel.why.notInstalled": "ss is not installed",
  "kernel.why.failed": "ss failed",
  "kernel.why.notListed": "ss did not list this socket",
  "kernel.notShownBy": "{source} does not show it here",
  "kernel.windows": "no socket table on Windows: socket-tutor reads it from /proc/net (Linux) or lsof (macOS)",
  "kernel.noProcNet": "cannot read /proc/net/\\{tcp,udp,unix\\}",
  "kernel.unreadable": "could not read the socket table: {error}",
  "kernel.strace.notLinux": "the syscall view needs strace, which runs on Linux only (this is {platform})",
  "kernel.strace.missing": "strace is not installed (Debian/Ubuntu: apt install strace)",
  "kernel.strace.blocked": "strace cannot trace here: {why}",
  "kernel.strace.unavailable": "strace is not available",
  "kernel.strace.noView": "No syscall view: {why}.",
} as const;
