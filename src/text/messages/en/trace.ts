/** `socket-tutor trace`: a program of the learner's, run and shown like a demo. {file} is the program's file name, escaped. */
export const trace = {
  "trace.title": "Tracing {file}",
  "trace.summary": "Your program in a private network of its own: every socket call, the kernel's table and the packets. If it listens, the built-in client on the right connects to it: press i and type a line to send it.",
  // The same, for a run without a private network (SOCKET_TUTOR_SANDBOX=off, or a machine without user namespaces): no packets then.
  "trace.summaryShared": "Your program on this machine's network (there is no private network here): every socket call and the kernel's table; packets are captured only in a private network. If it listens, the built-in client on the right connects to it: press i and type a line to send it.",
  "trace.noFile": "There is no file {file}.",
  "trace.notAFile": "{file} is not a file.",
  "trace.tooBig": "{file} is larger than 1 MiB: give the program's source file.",
  // {file} is neither Python nor JavaScript, so it would run under strace, and strace cannot run here: {why} says why, {command} is the doctor command.
  "trace.noStrace": "{file} is not a Python or JavaScript program: socket-tutor shows the socket calls of such a program with strace, and strace cannot run here: {why}. Install strace, or trace a Python or JavaScript program. {command} checks this machine.",
  // A note in the view (one line at 80 columns): the traced program runs under strace, which cannot hold it before a call.
  "trace.runOnly": "Run under strace: it cannot be held before a call (run only, no stepping).",
  // The live view, when a step key is pressed (say) and in its help (help), for a program under strace.
  "trace.noStep.say": "This program runs under strace, which cannot hold it before a call: it runs freely, no stepping.",
  "trace.noStep.help": "This program runs under strace, which cannot hold it before a call: the step keys do nothing here. Its calls are shown as they happen.",
  // Shown once beside the first such call of a program traced with strace.
  "trace.strace.read": "read(2) on a socket: the same as recv() without flags",
  "trace.strace.write": "write(2) on a socket: the same as send() without flags",
  "trace.strace.readv": "readv(2) on a socket: recv() into several buffers",
  "trace.strace.writev": "writev(2) on a socket: send() of several buffers",
  "trace.usage.which": "Which program? For example: {example}",
  "trace.usage.badPort": "--port needs a port number from 1 to 65535, not {value}.",
  // The note printed when a run has no private network and the client must guess the port.
  "trace.noSandboxPort": "This run shares the machine's network: the built-in client connects to the first listening socket it finds. Give the program's port with --port N to be sure.",
} as const;
