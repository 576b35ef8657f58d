import { t } from "../text/catalog.js";
import { displayWidth } from "../text/width.js";
import { clearScreen, select } from "./prompts.js";

/** Rows the "more" prompt takes: its message, two choices, the blank line and the key help. */
const MORE_PROMPT_ROWS = 5;

/**
 * Prints a lesson step a screenful at a time. A step longer than the terminal
 * (a long listing on a 30-row screen) would otherwise scroll its top away before
 * the learner has read it; here it stops with "more" when the screen is full.
 */
export class Pager {
  private used = 0;

  constructor(
    private readonly header: (continued: boolean) => string,
    private readonly rows: () => number = () => process.stdout.rows ?? 24,
    private readonly leaveLabel = t("lesson.menu"),
    private readonly moreLabel = t("lesson.more"),
  ) {}

  /** Clears the screen and prints the step's header. */
  start(continued = false): void {
    clearScreen();
    const h = this.header(continued) + "\n\n";
    process.stdout.write(h);
    this.used = rowCount(h);
  }

  /**
   * Prints `text`, leaving `reserve` rows free after it for what comes next (the
   * quiz or the step's prompt). Returns "menu" if the learner left at a "more" prompt.
   */
  async write(text: string, reserve: number): Promise<"ok" | "menu"> {
    let lines = text.split("\n");
    // A line wider than the terminal takes more than one row (a long line of code, kept as it is).
    // Each element is printed with a newline after it: one row at least, each.
    const height = (from: readonly string[]): number => from.reduce((n, l) => n + lineRows(l), 0);
    while (this.used + height(lines) + reserve > this.rows()) {
      const room = this.rows() - this.used - MORE_PROMPT_ROWS;
      // Too little room left to be worth filling: break the page here.
      let take = 0;
      for (let rows = 0; room >= 3 && take < lines.length && rows + lineRows(lines[take]!) <= room; take++) rows += lineRows(lines[take]!);
      // All of the text fits (what is left is blank lines), but not the prompt after it: carry
      // the last paragraph over, so the next page is not the step's header alone ("continued"
      // over nothing).
      let lastText = lines.length - 1;
      while (lastText >= 0 && lines[lastText]!.trim() === "") lastText--;
      if (take > lastText && lastText >= 0) {
        take = lastText + 1;
        let lastBreak = take - 1;
        while (lastBreak > 0 && lines[lastBreak]!.trim() !== "") lastBreak--;
        take = lastBreak > 0 ? lastBreak : Math.max(0, take - 2);
      }
      const taken = lines.slice(0, take);
      if (take > 0) process.stdout.write(taken.join("\n") + "\n");
      lines = lines.slice(take);
      if (lines.length === 0 && this.used + height(taken) + reserve <= this.rows()) {
        this.used += height(taken);
        return "ok";
      }
      if (take === 0 && this.used <= rowCount(this.header(true) + "\n\n")) {
        // The screen is as empty as it gets: print the rest and let it scroll.
        break;
      }
      if ((await this.more()) === "menu") return "menu";
      this.start(true);
    }
    if (lines.length) process.stdout.write(lines.join("\n") + "\n");
    this.used += height(lines);
    return "ok";
  }

  /** Makes sure `need` rows are free, breaking the page first if not. */
  async room(need: number): Promise<"ok" | "menu"> {
    if (this.used + need <= this.rows() || this.used <= rowCount(this.header(true) + "\n\n")) return "ok";
    if ((await this.more()) === "menu") return "menu";
    this.start(true);
    return "ok";
  }

  /** Something else printed lines (an answered quiz): count them. */
  advance(lines: number): void {
    this.used += lines;
  }

  private async more(): Promise<"more" | "menu"> {
    return select<"more" | "menu">(this.moreLabel, [
      { name: t("lesson.moreContinue"), value: "more" },
      { name: this.leaveLabel, value: "menu" },
      // A resize draws the page again from its start, re-flowed: the caller catches PromptResized.
    ], { resizeThrows: true });
  }
}

export function lineCount(text: string): number {
  return text.split("\n").length - 1;
}

/** Rows one line takes on the terminal: a line wider than it wraps there. */
function lineRows(line: string): number {
  const cols = process.stdout.columns || 80;
  return Math.max(1, Math.ceil(displayWidth(line) / cols));
}

/** Rows a text ending in a newline takes on the terminal. */
export function rowCount(text: string): number {
  const lines = text.split("\n");
  lines.pop();
  return lines.reduce((n, l) => n + lineRows(l), 0);
}
