/** `socket-tutor trace`: a program of the learner's, run and shown like a demo. {file} is the program's file name, escaped. */
export const trace = {
  "trace.title": "Tracing {file}",
  "trace.summary": "Your program in a private network of its own: every socket call, the kernel's table and the packets. If it listens, the built-in client on the right connects to it: press i and type a line to send it.",
  "trace.noFile": "There is no file {file}.",
  "trace.notAFile": "{file} is not a file.",
  "trace.tooBig": "{file} is larger than 1 MiB: give the program's source file.",
  // {file} has no tracer: only Python and JavaScript programs are traced call by call.
  "trace.noTracer": "socket-tutor traces Python (.py) and JavaScript (.js, .mjs, .cjs) programs call by call; {file} is neither. For another program, strace shows its system calls: strace -f -e trace=%network {file}",
  "trace.usage.which": "Which program? For example: {example}",
  "trace.usage.badPort": "--port needs a port number from 1 to 65535, not {value}.",
  // The note printed when a run has no private network and the client must guess the port.
  "trace.noSandboxPort": "This run shares the machine's network: the built-in client connects to the first listening socket it finds. Give the program's port with --port N to be sure.",
} as const;
