/** The plain-text demo view (`demo --plain`): one line per thing that happens. */
export const plain = {
  "plain.paused": "paused",
  // "paused before bind(fd 3, …)": {call} is the call as written in code.
  "plain.pausedBefore": "{paused} before {call}",
  "plain.stepHint": "  (Enter: continue, r Enter: run freely)",
  "plain.waiting": "… waiting",
  "plain.started": "started: {runtime} {file} (pid {pid})",
  // A program with no tracer (trace of a C program or any command): {command} is its command line.
  "plain.startedStraced": "started: {command} under strace (pid {pid})",
  "plain.startedAs": "started: {runtime} {file} (pid {pid}, as user {user})",
  "plain.table": "  kernel table:",
  "plain.tableEmpty": "  kernel table: (no sockets)",
  "plain.timeline": "Timeline",
  "plain.finalTable": "Kernel table at the end",
  "plain.noSocketsLeft": "  (no sockets left)",
  "plain.ranAsDesigned": "The demo ran as designed.",
  "plain.notAsDesigned": "The demo did not run as designed: {reason}.",
  "plain.unknownReason": "unknown reason",
  "plain.stopped": "The demo was stopped.",
  "plain.typed": "(typed)",
  "plain.linesNotKept": "| ({n} lines not kept)",
  "plain.callsNotKept": "  ({n} earlier calls not kept)",
  "plain.mode": "({mode} mode)",
  "plain.headerWhere": "({id}, {runtime}, {mode} mode)",
  "plain.headerWhereAt": "({id}, {runtime}, {where}, {mode} mode)",
  "plain.socketAt": "socket {path}",
  "plain.portAt": "port {port}",
} as const;
