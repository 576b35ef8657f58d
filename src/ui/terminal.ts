import { UserError } from "../commands/errors.js";

export const MIN_COLUMNS = 40;
export const MIN_ROWS = 12;

/** The interactive commands need a real terminal for both keys and the screen. */
export function requireInteractiveTerminal(command: string): void {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UserError(
      `'socket-tutor ${command}' needs an interactive terminal, and this ${process.stdin.isTTY ? "output" : "input"} is not one.\n` +
        "Without one, 'socket-tutor list' lists the lessons and 'socket-tutor show <lesson>' prints one.",
    );
  }
  const cols = process.stdout.columns ?? 80;
  const rows = process.stdout.rows ?? 24;
  if (cols < MIN_COLUMNS || rows < MIN_ROWS) {
    throw new UserError(
      `this terminal is ${cols}x${rows}; socket-tutor needs at least ${MIN_COLUMNS}x${MIN_ROWS}. Make the window larger, or read a lesson with 'socket-tutor show <lesson>'.`,
    );
  }
}
