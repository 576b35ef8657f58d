import { UserError } from "../util/errors.js";
import { t } from "../text/catalog.js";
import { tutorCommand } from "../util/invocation.js";

export const MIN_COLUMNS = 40;
export const MIN_ROWS = 12;

/** The interactive commands need a real terminal for both keys and the screen. */
export function requireInteractiveTerminal(command: string): void {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UserError(t("menu.needsTerminal", { command, what: process.stdin.isTTY ? "output" : "input", tutor: tutorCommand() }));
  }
  const cols = process.stdout.columns ?? 80;
  const rows = process.stdout.rows ?? 24;
  if (cols < MIN_COLUMNS || rows < MIN_ROWS) {
    throw new UserError(t("menu.terminalTooSmall", { cols, rows, minCols: MIN_COLUMNS, minRows: MIN_ROWS, tutor: tutorCommand() }));
  }
}
