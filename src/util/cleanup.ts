/**
 * One place that knows what must not outlive the tutor: child process groups,
 * temp dirs, the terminal's raw mode. Runs on normal exit, on SIGINT/SIGTERM/SIGHUP
 * and on an uncaught error; each task runs once and must be synchronous, because
 * after a signal there may be no event loop turn left.
 */
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";

type Task = () => void;

const tasks = new Set<Task>();
let installed = false;
let ran = false;

export function onCleanup(task: Task): () => void {
  install();
  tasks.add(task);
  return () => tasks.delete(task);
}

export function runCleanup(): void {
  if (ran) return;
  ran = true;
  // Reverse order: the last thing set up is the first torn down.
  for (const task of [...tasks].reverse()) {
    try {
      task();
    } catch {
      // keep going: one failed task must not leave the others undone
    }
  }
  tasks.clear();
}

const SIGNALS: Record<string, number> = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };

function install(): void {
  if (installed) return;
  installed = true;
  process.on("exit", runCleanup);
  for (const [sig, num] of Object.entries(SIGNALS)) {
    process.on(sig as NodeJS.Signals, () => {
      runCleanup();
      // Exit the way a shell expects from a signal: 128 + its number.
      process.exit(128 + num);
    });
  }
  process.on("uncaughtException", (err) => {
    runCleanup();
    process.stderr.write(t("cli.unexpected", { message: escapeTerminal(err.message) }) + "\n");
    if (process.env.SOCKET_TUTOR_DEBUG) process.stderr.write(`${err.stack ?? ""}\n`);
    process.exit(1);
  });
}

/** Leaves the terminal as the shell expects it: cooked mode, cursor visible, main screen. */
export function restoreTerminal(): void {
  try {
    if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
  } catch {
    // the terminal may already be gone (SIGHUP)
  }
  try {
    if (process.stdout.isTTY) process.stdout.write("\x1b[?25h");
  } catch {
    // same
  }
}
