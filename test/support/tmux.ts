import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * A private tmux server driving the real CLI in a real terminal. Each session
 * gets its own server socket, so tests can run side by side.
 */
const open = new Set<TmuxSession>();
// A test that fails before its finally (or forgets one) must not leave a tmux server running.
process.on("exit", () => {
  for (const t of open) t.close();
});

export class TmuxSession {
  readonly socket: string;
  private readonly dir: string;
  private exited = false;

  private constructor(readonly width: number, readonly height: number) {
    this.dir = mkdtempSync(path.join(os.tmpdir(), "st-tmux-"));
    this.socket = path.join(this.dir, "tmux.sock");
    open.add(this);
  }

  /**
   * Starts `command` (argv) in a new session. The command is wrapped so its exit
   * status appears on screen as __EXIT:<n>__ (pane_dead_status is unreliable on tmux 3.3a).
   */
  static async start(argv: string[], opts: { width?: number; height?: number; env?: Record<string, string>; cwd?: string } = {}): Promise<TmuxSession> {
    const t = new TmuxSession(opts.width ?? 120, opts.height ?? 40);
    const conf = path.join(t.dir, "tmux.conf");
    writeFileSync(conf, "set -g status off\nset -g remain-on-exit on\nset -g history-limit 5000\n");
    const env = { NCURSES_NO_UTF8_ACS: "1", TERM: "xterm-256color", ...opts.env };
    const envArgs = Object.entries(env).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
    const script = `"$@"; printf '\\n__EXIT:%d__\\n' $?; sleep 600`;
    t.tmux([
      "-f", conf, "new-session", "-d", "-x", String(t.width), "-y", String(t.height),
      ...(opts.cwd ? ["-c", opts.cwd] : []), ...envArgs, "sh", "-c", script, "sh", ...argv,
    ]);
    return t;
  }

  tmux(args: string[]): string {
    return execFileSync("tmux", ["-S", this.socket, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  }

  /** The visible screen as plain text. */
  screen(): string {
    return this.tmux(["capture-pane", "-p", "-t", "0"]);
  }

  /** With colours, for checking that NO_COLOR removes them. */
  screenWithEscapes(): string {
    return this.tmux(["capture-pane", "-p", "-e", "-t", "0"]);
  }

  /** Sends keys one tmux call each (navigation keys must not be merged). */
  async keys(...keys: string[]): Promise<void> {
    for (const k of keys) {
      this.tmux(["send-keys", "-t", "0", k]);
      await sleep(40);
    }
  }

  async type(text: string): Promise<void> {
    this.tmux(["send-keys", "-t", "0", "-l", text]);
  }

  /**
   * Polls the screen until `pattern` appears (a function gets the screen and decides);
   * throws with the last screen on timeout.
   */
  // 10 s: generous on purpose, several terminals and demos share two cores while the suite runs.
  async waitFor(pattern: RegExp | string | ((screen: string) => boolean), timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = "";
    const matches = (screen: string): boolean => (typeof pattern === "string" ? screen.includes(pattern) : typeof pattern === "function" ? pattern(screen) : pattern.test(screen));
    while (Date.now() < deadline) {
      last = this.screen();
      if (matches(last)) return last;
      await sleep(50);
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${String(pattern)}; the screen was:\n${last}`);
  }

  /** Waits for text that may be wrapped across lines: whitespace runs count as one space. */
  async waitForWrapped(text: string, timeoutMs = 10_000): Promise<string> {
    const want = text.replace(/\s+/g, " ");
    return this.waitFor((screen) => screen.replace(/[\s│]+/g, " ").includes(want), timeoutMs);
  }

  /** Waits for the wrapped command to finish and returns its exit status. */
  async exitCode(timeoutMs = 10_000): Promise<number> {
    const screen = await this.waitFor(/__EXIT:(\d+)__/, timeoutMs);
    this.exited = true;
    return Number(/__EXIT:(\d+)__/.exec(screen)![1]);
  }

  /** The tty mode of the pane after the program exits: raw mode left on would show `-icanon`. */
  ttySettings(): string {
    const tty = this.tmux(["display-message", "-p", "-t", "0", "#{pane_tty}"]).trim();
    return spawnSync("stty", ["-a", "-F", tty], { encoding: "utf8" }).stdout;
  }

  /** The pid of the shell wrapping the command: its children are the tutor. */
  panePid(): number {
    return Number(this.tmux(["display-message", "-p", "-t", "0", "#{pane_pid}"]).trim());
  }

  async resize(width: number, height: number): Promise<void> {
    this.tmux(["resize-window", "-t", "0", "-x", String(width), "-y", String(height)]);
    await sleep(100);
  }

  close(): void {
    open.delete(this);
    try {
      this.tmux(["kill-server"]);
    } catch {
      // already gone
    }
    rmSync(this.dir, { recursive: true, force: true });
    void this.exited;
  }
}

export function hasTmux(): boolean {
  return spawnSync("tmux", ["-V"]).status === 0;
}
