/** What `--help` and the command list say of each command. Command names, options and <placeholders> stay as they are. */
export const help = {
  "help.start.summary": "Open the lesson menu (needs a terminal).",
  "help.start.text": "Open the lesson menu. Choose a lesson with the arrow keys and Enter; your place in each lesson is saved.",
  "help.start.needsTerminal": "Needs an interactive terminal. Without one: '{list}' and '{show}'.",
  "help.list.summary": "List lessons and exercises with your status, as plain text.",
  "help.show.summary": "Print a lesson's text without prompts (for pipes, screen readers, reading ahead).",
  "help.show.text": "Print a lesson's text without prompts: for pipes, screen readers and reading ahead.",
  // An option and what it does, in two columns.
  "help.show.answers": "--answers  also print each quiz's correct answer and the explanations.",
  "help.lesson.summary": "Open one lesson directly.",
  "help.lesson.text": "Open one lesson directly, at the step where you left it.",
  "help.lesson.which": "<lesson> is a lesson id, folder name or number (see '{list}').",
  "help.demo.text": "Run a lesson's live demo: real server and client processes, every socket call, and the kernel's socket table.",
  // The option list of `demo --help`: keep the option names and the alignment of the second column.
  "help.demo.options": "<lesson>        a lesson id, folder name or number (see '{list}'); with no <demo>, its only demo\n                runs, or its demos are listed. A demo id alone also works: '{example}'.\n--plain         print the calls, output, table and timeline as text (the default without a terminal)\n--runtime R     python (the default when python3 >= 3.8 is installed) or node\n--step          pause before each socket call (in --plain: press Enter to continue, r Enter to run freely)\n--slow          slow motion: each call waits a moment, then goes on by itself\n--syscalls      also show the real system calls (Linux, needs strace)\n--port N        use port N instead of the demo's own (0: any free port)",
  "help.demo.exit": "Exit status: 0 when the demo ran as designed, 1 when it did not, 2 on bad usage.",
  "help.demo.summary": "Run a live demo: real processes, every socket call, the kernel's table (--plain for text).",
  "help.progress.summary": "Show what you have done so far.",
  "help.progress.text": "Show what you have done so far, and where your progress is stored.",
  "help.reset.summary": "Forget progress for one lesson, or for everything (asks first).",
  "help.reset.text": "Forget your progress in one lesson, or (with no lesson) everything: lessons and exercises.",
  "help.reset.yes": "Resetting everything asks first; --yes skips the question (for scripts).",
  "help.exercise.summary": "Show an exercise's task and write starter files into ./socket-tutor-exercises/<exercise>/.",
  "help.exercise.text": "Show an exercise's task and write its starter files (Python and JavaScript) into ./socket-tutor-exercises/<exercise>/.",
  "help.exercise.safe": "Files that already exist are never overwritten: your work is safe to run this again.",
  "help.exercise.list": "Without <exercise>, lists the exercises.",
  // {verify}, {hint} and {solution} are commands.
  "help.exercise.then": "Then: {verify}; {hint}; {solution}.",
  "help.verify.summary": "Check your program over real sockets (--watch, --json; or -- <command>).",
  "help.verify.text": "Run your program and check it over real sockets on loopback, the way a demanding peer would. Exit code 0: passed; 1: not yet; 2: usage error.",
  // The paragraphs of verify --help keep their line breaks (\n); an option's description lines up after the option.
  "help.verify.files": "<file> runs by its extension: .py with python3, .js/.mjs/.cjs with Node.js, .ts with tsx;\nany other file must be executable. After -- give any command (a compiled program, 'cargo run', ...).",
  "help.verify.environment": "Your program runs in its own folder (the current folder for --), in its own process group,\nwith HOST and PORT (or SOCKET_PATH, or MESSAGE) in its environment. It is stopped when the checks end.",
  "help.verify.watch": "  --watch  re-run the checks each time the file changes (Ctrl-C to stop)",
  // The JSON report's fields stay in English: they are names, not words.
  "help.verify.json": "  --json   print only a JSON report: \\{ exercise, passed, seeds, checks: [\\{ name, passed, detail \\}], replay \\}",
  "help.verify.live": "  --live   run the checks in the live view: your program traced on the left (its source, every\n           socket call, its output), the checker on the right, the kernel's socket table below\n           (Python and JavaScript files; needs a terminal)",
  "help.verify.seed": "  --seed N send the traffic of seed N only (each check cuts what it sends into pieces decided by\n           a seed: a fixed few and a fresh one each run); a failed run prints its seed",
  "help.verify.example": "Example: {command}",
  "help.hint.summary": "Show the next hint for an exercise.",
  "help.hint.text": "Show the next hint for an exercise, one at a time; each gives away a little more.",
  // An option and what it does, in two columns.
  "help.hint.seen": "--seen  show again the hints you have already seen, without a new one",
  "help.solution.summary": "Show an exercise's reference solutions (after you pass, or when you ask).",
  "help.solution.text": "Show the reference solutions (Python and JavaScript) of an exercise.",
  // Two lines of one sentence.
  "help.solution.yes": "Once you have passed the exercise they are shown at once. Before that, you are asked first;\n--yes answers for you (needed without a terminal).",
  "help.doctor.summary": "Check what this machine offers the tutor (Python, strace, /proc/net, loopback).",
} as const;
