/**
 * Every command, with what `--help` says about it. Each module is imported only
 * when its command runs, so `--version`, `--help` and `list` stay light.
 */
export interface CommandModule {
  run(argv: string[]): Promise<number>;
}

export interface CommandInfo {
  name: string;
  usage: string;
  summary: string;
  load: () => Promise<CommandModule>;
}

export const COMMANDS: readonly CommandInfo[] = [
  { name: "start", usage: "start", summary: "Open the lesson menu (needs a terminal).", load: () => import("./start.js") },
  { name: "list", usage: "list", summary: "List lessons and exercises with your status, as plain text.", load: () => import("./list.js") },
  { name: "show", usage: "show <lesson>", summary: "Print a lesson's text without prompts (for pipes, screen readers, reading ahead).", load: () => import("./show.js") },
  { name: "lesson", usage: "lesson <lesson>", summary: "Open one lesson directly.", load: () => import("./lesson.js") },
  { name: "demo", usage: "demo <lesson> [<demo>]", summary: "Run a live demo: real processes, every socket call, the kernel's table (--plain for text).", load: () => import("./demo.js") },
  { name: "progress", usage: "progress", summary: "Show what you have done so far.", load: () => import("./progress.js") },
  { name: "reset", usage: "reset [<lesson>]", summary: "Forget progress for one lesson, or for everything (asks first).", load: () => import("./reset.js") },
  { name: "exercise", usage: "exercise [<exercise>]", summary: "Show an exercise's task and write starter files into ./socket-tutor-exercises/<exercise>/.", load: () => import("./exercise.js") },
  { name: "verify", usage: "verify <exercise> <file>", summary: "Check your program over real sockets (--watch, --json; or -- <command>).", load: () => import("./verify.js") },
  { name: "hint", usage: "hint <exercise>", summary: "Show the next hint for an exercise.", load: () => import("./hint.js") },
  { name: "solution", usage: "solution <exercise>", summary: "Show an exercise's reference solutions (after you pass, or when you ask).", load: () => import("./solution.js") },
  { name: "doctor", usage: "doctor", summary: "Check what this machine offers the tutor (Python, strace, /proc/net, loopback).", load: () => import("./doctor.js") },
];

export function findCommand(name: string): CommandInfo | undefined {
  return COMMANDS.find((c) => c.name === name);
}
