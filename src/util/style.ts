/**
 * Colour only when it helps: a TTY, and the learner has not asked for none
 * (https://no-color.org). A tiny local helper, so `list` and `--help` load nothing.
 */
export function colourEnabled(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true && env.TERM !== "dumb";
}

const codes = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  gray: [90, 39],
} as const;

export type StyleName = keyof typeof codes;
export type Styler = Record<StyleName, (s: string) => string>;

export function makeStyle(enabled: boolean): Styler {
  const out = {} as Styler;
  for (const [name, [open, close]] of Object.entries(codes) as [StyleName, readonly [number, number]][]) {
    out[name] = enabled ? (s: string) => `\x1b[${open}m${s}\x1b[${close}m` : (s: string) => s;
  }
  return out;
}

let cached: Styler | undefined;
export function style(): Styler {
  cached ??= makeStyle(colourEnabled());
  return cached;
}

export function terminalWidth(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): number {
  const cols = stream.columns || Number(env.COLUMNS) || 80;
  return Math.max(20, cols);
}

/** Reading width: the terminal's, but prose stops at 100 columns to stay readable. */
export function readingWidth(): number {
  return Math.min(terminalWidth(), 100);
}
