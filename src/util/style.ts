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

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;
export function stripAnsi(s: string): string {
  return s.replace(ANSI, "");
}

/** Visible width: ANSI stripped; East Asian wide characters count two columns. */
export function visibleWidth(s: string): number {
  let w = 0;
  for (const ch of stripAnsi(s)) {
    const cp = ch.codePointAt(0)!;
    w += cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6)) ? 2 : 1;
  }
  return w;
}

export function terminalWidth(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): number {
  const cols = stream.columns || Number(env.COLUMNS) || 80;
  return Math.max(20, cols);
}

/** Reading width: the terminal's, but prose stops at 100 columns to stay readable. */
export function readingWidth(): number {
  return Math.min(terminalWidth(), 100);
}

/**
 * Word-wrap text to a width; continuation lines get `indent`. Runs of spaces
 * inside a line are kept (they align columns); only break points are changed.
 */
export function wrap(text: string, width: number, indent = ""): string {
  const out: string[] = [];
  for (const para of text.split("\n")) {
    const tokens = para.match(/ *[^ ]+| +$/g) ?? [""];
    let line = "";
    for (const token of tokens) {
      if (line && visibleWidth(line + token) > width) {
        out.push(line.replace(/ +$/, ""));
        line = indent + token.trimStart();
      } else {
        line += token;
      }
    }
    out.push(line);
  }
  return out.join("\n");
}
