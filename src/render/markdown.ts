import { Marked } from "marked";
import { colourEnabled, makeStyle } from "../util/style.js";
import { joinSoftBreaks, wrap } from "../text/wrap.js";
import { displayWidth, truncate } from "../text/width.js";

export interface RenderOptions {
  width: number;
  colour: boolean;
}

let markedTerminalModule: typeof import("marked-terminal") | undefined;

/**
 * marked-terminal pulls in highlight.js (~200 ms), so it is loaded on first use
 * (or in the background by `preloadMarkdown` while the menu waits for a key).
 * Its colours come from chalk, which ignores NO_COLOR: FORCE_COLOR=0 must be set
 * before chalk loads for code highlighting to go away too.
 */
async function loadMarkedTerminal(colour: boolean): Promise<typeof import("marked-terminal")> {
  if (!markedTerminalModule) {
    if (!colour && process.env.FORCE_COLOR === undefined) process.env.FORCE_COLOR = "0";
    markedTerminalModule = await import("marked-terminal");
  }
  return markedTerminalModule;
}

export function preloadMarkdown(): void {
  void loadMarkedTerminal(colourEnabled()).catch(() => undefined);
}

const cache = new Map<string, Marked>();

/**
 * `wide`: a text in Chinese. marked-terminal's own reflow measures by code units and
 * breaks only at spaces (a Chinese sentence has none), and turns each line break of the
 * source into a space; for such a text the tutor's wrap does it instead, by display
 * width, joining the source's lines without a space between two Chinese characters.
 * English keeps marked-terminal's reflow, byte for byte as before.
 */
async function markedFor(opts: RenderOptions, wide = false): Promise<Marked> {
  const key = `${opts.width}:${opts.colour}:${wide}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const { markedTerminal } = await loadMarkedTerminal(opts.colour);
  const s = makeStyle(opts.colour);
  // A numbered item takes more than a bullet: "  1. " is 5 columns, "  10. " 6: room for the widest.
  const itemWidth = Math.max(20, opts.width - 6);
  const ext = markedTerminal({
    width: opts.width,
    reflowText: !wide,
    showSectionPrefix: false,
    emoji: false,
    tab: 2,
    heading: (t) => s.bold(s.green(wide ? wrap(joinSoftBreaks(t), opts.width) : t)),
    firstHeading: (t) => s.bold(s.magenta(wide ? wrap(joinSoftBreaks(t), opts.width) : t)),
    strong: s.bold,
    em: (t) => (opts.colour ? `\x1b[3m${t}\x1b[23m` : t),
    codespan: s.yellow,
    code: s.yellow,
    blockquote: s.gray,
    link: s.blue,
    href: s.blue,
    hr: (t) => t,
    paragraph: (t) => (wide ? wrap(joinSoftBreaks(t), opts.width) : t),
    table: (t) => t,
    html: s.gray,
    del: s.dim,
    // marked-terminal does not reflow list items; wrap them here, its list
    // renderer then indents the continuation lines under the bullet.
    // An item written over several source lines is joined and wrapped too (it used to be
    // left as written, so its lines ran past an 80-column terminal); an item holding a nested
    // list or a blank line keeps its lines.
    listitem: (t) => (/\n\s*(?:[*•-]|\d+\.)\s|\n\s*\n/.test(t) ? t : wrap(joinSoftBreaks(t), itemWidth)),
  });
  const m = new Marked();
  m.use(ext);
  // marked-terminal leaves **bold** and `code` raw inside list items unless text
  // tokens with children are parsed inline (checked on 7.3.1 with marked 18).
  m.use({
    renderer: {
      text(token) {
        if ("tokens" in token && token.tokens) return this.parser.parseInline(token.tokens);
        return false;
      },
    },
  });
  cache.set(key, m);
  return m;
}

/**
 * A number written in groups ("65 507 bytes") must not be broken over two lines, which
 * would read as two numbers, nor a number from its unit ("60 s", "256 KiB"): those spaces
 * become no-break spaces. Only in prose: code (fenced blocks, `spans`) is shown exactly as written.
 */
export function keepNumbersWhole(markdown: string): string {
  let fence: string | undefined;
  return markdown
    .split("\n")
    .map((line) => {
      const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
      if (fence) {
        if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length) fence = undefined;
        return line;
      }
      if (f) {
        fence = f[1];
        return line;
      }
      // Odd pieces are inside `code spans`.
      return line
        .split(/(`+[^`]*`+)/)
        .map((piece, i) => (i % 2 ? piece : piece.replace(/(\d) (?=\d{3}(?!\d))/g, "$1\u00a0").replace(/(\d) (?=(?:s|ms|µs|KiB|MiB|GiB|kB|MB|GB|%)(?![\p{L}\p{N}]))/gu, "$1\u00a0")))
        .join("");
    })
    .join("\n");
}

const WIDE_TEXT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Code lines wider than the room a code block has (the width less its 2-column indent) are
 * cut into pieces that fit, each continuation under the line's own indent and marked ↪, so
 * an 80-column terminal never wraps them to column 0 itself. Code is never reflowed: only
 * a line that cannot fit is cut, at a space where there is one.
 */
export function foldCodeBlocks(markdown: string, width: number): string {
  const room = Math.max(20, width - 2);
  let fence: string | undefined;
  const out: string[] = [];
  for (const line of markdown.split("\n")) {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === undefined) {
      if (open) fence = open[1]![0]!.repeat(open[1]!.length);
      out.push(line);
      continue;
    }
    if (open && open[1]!.startsWith(fence)) {
      fence = undefined;
      out.push(line);
      continue;
    }
    out.push(...foldLine(line, room));
  }
  return out.join("\n");
}

function foldLine(line: string, room: number): string[] {
  if (displayWidth(line) <= room) return [line];
  const indent = /^\s*/.exec(line)![0];
  const lead = `${indent}  ↪ `;
  const pieces: string[] = [];
  let rest = line;
  let first = true;
  // Bounded: every piece takes at least one character.
  for (let i = 0; i < 1000 && rest; i++) {
    const prefix = first ? "" : lead;
    const avail = Math.max(8, room - displayWidth(prefix));
    if (displayWidth(rest) <= avail) {
      pieces.push(prefix + rest);
      break;
    }
    let cut = truncate(rest, avail, "").length;
    const space = rest.lastIndexOf(" ", cut);
    if (space > indent.length + 8) cut = space + 1;
    pieces.push(prefix + rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
    first = false;
  }
  return pieces;
}

export async function renderMarkdown(markdown: string, opts: RenderOptions): Promise<string> {
  const m = await markedFor(opts, WIDE_TEXT.test(markdown));
  const out = await m.parse(keepNumbersWhole(foldCodeBlocks(markdown, opts.width)));
  return out.replace(/\n{3,}/g, "\n\n").replace(/\s+$/, "");
}
