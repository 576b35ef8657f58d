import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { truncate } from "../text/width.js";
import { wrap } from "../text/wrap.js";
import { OUTPUT_ESCAPE } from "./output.js";
import { formatCheck } from "./report.js";
import type { HarnessEvent, ProgramEnv } from "./types.js";
import { DEFAULT_LIMITS } from "./program.js";
import { onCleanup } from "../util/cleanup.js";
import type { Styler } from "../util/style.js";

/** Stands for the command inside the "Running … in …" sentence, so it can be styled apart (a control character: never in catalog text, and escaped out of paths). */
const COMMAND_MARK = "\u0001";

/**
 * Shows a verify run as it happens: the program's output prefixed
 * [your program], each check as it finishes, and on a TTY a spinner while a
 * check waits (for the program to listen, for an echo…).
 */

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export function envLine(env: ProgramEnv): string {
  return (["HOST", "PORT", "SOCKET_PATH", "MESSAGE", "KEYS", "UPSTREAM_HOST", "UPSTREAM_PORT"] as const)
    .filter((k) => env[k] !== undefined)
    .map((k) => `${k}=${escapeTerminal(/\s/.test(env[k]!) ? `'${env[k]}'` : env[k]!)}`)
    .join(" ");
}

export class LiveConsole {
  private timer: NodeJS.Timeout | undefined;
  private spinning = "";
  private frame = 0;
  private outputLines = 0;
  /** The command started last, and its variables line. */
  private started: string | undefined;
  private lastVars = "";
  private readonly unregister: () => void;

  constructor(
    private out: NodeJS.WriteStream,
    private s: Styler,
    private width: number,
    private tty: boolean,
  ) {
    // Ctrl-C (or any signal) before the end: the spinner line goes, a line says why the
    // report is missing, and the shell's prompt starts on a line of its own.
    this.unregister = onCleanup(() => {
      this.stopSpinner();
      this.out.write(`${t("verify.cancelled", { cancelled: this.s.yellow(t("verify.cancelledWord")) })}\n`);
    });
  }

  private clear(): void {
    if (this.spinning && this.tty) this.out.write("\r\x1b[K");
  }

  private stopSpinner(): void {
    this.clear();
    this.spinning = "";
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private draw(): void {
    if (!this.spinning) return;
    const text = `${FRAMES[this.frame++ % FRAMES.length]} ${this.spinning}`;
    // One row, whatever the check's name: a wrapped spinner line could not be cleared.
    this.out.write(`\r\x1b[K${this.s.dim(truncate(escapeTerminal(text), this.width - 1))}`);
  }

  handle = (e: HarnessEvent): void => {
    switch (e.kind) {
      case "start": {
        this.clear();
        this.outputLines = 0;
        const vars = `${wrap(this.s.dim(t("verify.console.with", { variables: envLine(e.env) || t("verify.console.noVariables") })), this.width, "    ")}\n`;
        // A client exercise starts the program once per seed: after the first, one short line (and the variables if they changed).
        if (this.started === e.command.display) {
          this.out.write(`${this.s.dim(t("verify.console.again", { command: escapeTerminal(e.command.display) }))}\n${vars === this.lastVars ? "" : vars}`);
        } else {
          // Wrapped at spaces: a path broken in the middle reads as two.
          // One sentence (the word order is the language's), with the command itself not dimmed.
          const [before = "", after = ""] = t("verify.console.runningIn", { command: COMMAND_MARK, folder: escapeTerminal(e.command.cwd) }).split(COMMAND_MARK);
          const line = `${before && this.s.dim(before)}${escapeTerminal(e.command.display)}${after && this.s.dim(after)}`;
          this.out.write(`${wrap(line, this.width, "    ")}\n${vars}`);
        }
        this.started = e.command.display;
        this.lastVars = vars;
        this.draw();
        break;
      }
      case "check-start":
        this.stopSpinner();
        if (this.tty) {
          this.spinning = e.name;
          this.draw();
          this.timer = setInterval(() => this.draw(), 80);
          this.timer.unref();
        }
        break;
      case "output": {
        this.clear();
        this.outputLines++;
        const prefix = e.line.stream === "stderr" ? this.s.yellow(t("verify.programPrefix")) : this.s.dim(t("verify.programPrefix"));
        // Escaped where it was decoded (output.ts); once more here, at the terminal, costs little.
        this.out.write(`${prefix} ${escapeTerminal(e.line.text, OUTPUT_ESCAPE)}\n`);
        this.draw();
        break;
      }
      case "check-done":
        this.stopSpinner();
        this.out.write(formatCheck(e.result, this.s, this.width, { stderrShownAbove: this.outputLines > 0 && this.outputLines < DEFAULT_LIMITS.maxLines }) + "\n");
        break;
    }
  };

  finish(): void {
    this.unregister();
    this.stopSpinner();
  }
}

