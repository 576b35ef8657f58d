/** What `--help` and the command list say of each command. Command names, options and <placeholders> stay as they are. */
export const help = {
  "help.start.summary": "Open the lesson menu (needs a terminal).",
  "help.start.text": "Open the lesson menu. Choose a lesson with the arrow keys and Enter; your place in each lesson is saved.",
  "help.start.needsTerminal": "Needs an interactive terminal. Without one: '{list}' and '{show}'.",
  "help.list.summary": "List lessons and exercises with your status, as plain text.",
  "help.show.summary": "Print a lesson's text without prompts (for pipes, screen readers, reading ahead).",
  "help.lesson.summary": "Open one lesson directly.",
  "help.lesson.text": "Open one lesson directly, at the step where you left it.",
  "help.lesson.which": "<lesson> is a lesson id, folder name or number (see '{list}').",
  "help.demo.summary": "Run a live demo: real processes, every socket call, the kernel's table (--plain for text).",
  "help.progress.summary": "Show what you have done so far.",
  "help.progress.text": "Show what you have done so far, and where your progress is stored.",
  "help.reset.summary": "Forget progress for one lesson, or for everything (asks first).",
  "help.exercise.summary": "Show an exercise's task and write starter files into ./socket-tutor-exercises/<exercise>/.",
  "help.verify.summary": "Check your program over real sockets (--watch, --json; or -- <command>).",
  "help.verify.text": "Run your program and check it over real sockets on loopback, the way a demanding peer would. Exit code 0: passed; 1: not yet; 2: usage error.",
  // The paragraphs of verify --help keep their line breaks (\n); an option's description lines up after the option.
  "help.verify.files": "<file> runs by its extension: .py with python3, .js/.mjs/.cjs with Node.js, .ts with tsx;\nany other file must be executable. After -- give any command (a compiled program, 'cargo run', ...).",
  "help.verify.environment": "Your program runs in its own folder (the current folder for --), in its own process group,\nwith HOST and PORT (or SOCKET_PATH, or MESSAGE) in its environment. It is stopped when the checks end.",
  "help.verify.watch": "  --watch  re-run the checks each time the file changes (Ctrl-C to stop)",
  // The JSON report's fields stay in English: they are names, not words.
  "help.verify.json": "  --json   print only a JSON report: \\{ exercise, passed, checks: [\\{ name, passed, detail \\}] \\}",
  "help.verify.live": "  --live   run the checks in the live view: your program traced on the left (its source, every\n           socket call, its output), the checker on the right, the kernel's socket table below\n           (Python and JavaScript files; needs a terminal)",
  "help.verify.example": "Example: {command}",
  "help.hint.summary": "Show the next hint for an exercise.",
  "help.solution.summary": "Show an exercise's reference solutions (after you pass, or when you ask).",
  "help.doctor.summary": "Check what this machine offers the tutor (Python, strace, /proc/net, loopback).",
} as const;
