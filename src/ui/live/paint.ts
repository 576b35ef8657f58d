/**
 * Lines for the live view are built from styled segments, cut to the box width on
 * their visible text, then turned into blessed tags. Keeping width arithmetic on
 * plain text (never on tagged strings) is what keeps columns aligned.
 */
import { escapeTerminal } from "../../text/escape.js";
import { displayWidth, graphemes, truncate } from "../../text/width.js";
import { wrapLines } from "../../text/wrap.js";

export type Tone = "dim" | "bold" | "red" | "green" | "yellow" | "cyan" | "magenta" | "blue" | "inverse" | "redBold" | "greenBold";

export interface Seg {
  text: string;
  tone?: Tone;
}

export type Line = Seg[];

/**
 * How tones become blessed tags. blessed has no dim attribute and maps "gray" to
 * colour 8, which 8-colour terminals (TERM=screen, xterm, tmux-256color without
 * its terminfo) show as black: dim is written as blink here, and live/terminal.ts
 * turns blink into the terminal's own dim (SGR 2) on the way out.
 */
const TAGS: Record<Tone, [string, string]> = {
  dim: ["{blink}", "{/blink}"],
  bold: ["{bold}", "{/bold}"],
  red: ["{red-fg}", "{/red-fg}"],
  green: ["{green-fg}", "{/green-fg}"],
  yellow: ["{yellow-fg}", "{/yellow-fg}"],
  cyan: ["{cyan-fg}", "{/cyan-fg}"],
  magenta: ["{magenta-fg}", "{/magenta-fg}"],
  blue: ["{blue-fg}", "{/blue-fg}"],
  inverse: ["{inverse}", "{/inverse}"],
  redBold: ["{red-fg}{bold}", "{/bold}{/red-fg}"],
  greenBold: ["{green-fg}{bold}", "{/bold}{/green-fg}"],
};

/** Tones that are not colour: kept when NO_COLOR is set, because they carry meaning (the current line). */
const ATTRIBUTES = new Set<Tone>(["bold", "inverse", "dim"]);

/** How the live view draws: with colour or not (NO_COLOR), and in high contrast (no dim text, colours in bold). */
export interface TagStyle {
  colour: boolean;
  highContrast?: boolean;
}

export function seg(text: string, tone?: Tone): Seg {
  return tone ? { text, tone } : { text };
}

export function plainText(line: Line): string {
  return line.map((s) => s.text).join("");
}

/** Untrusted text (a program's output, its source, a path from the kernel) made safe to draw inside a box. */
export function sanitize(text: string): string {
  return escapeTerminal(text, { tabs: 4 });
}

/** Columns a line takes. */
export function lineWidth(line: Line): number {
  return displayWidth(plainText(line));
}

/**
 * Cuts a line to `width` columns, marking the cut with an ellipsis. The cut falls
 * between graphemes, and a wide character that would straddle the edge is left out.
 */
export function fit(line: Line, width: number): Line {
  if (width <= 0) return [];
  if (lineWidth(line) <= width) return line;
  const out: Line = [];
  let room = width - 1;
  for (const s of line) {
    if (room <= 0) break;
    const w = displayWidth(s.text);
    if (w <= room) {
      out.push(s);
      room -= w;
      continue;
    }
    let text = "";
    for (const g of graphemes(s.text)) {
      const gw = displayWidth(g);
      if (gw > room) break;
      text += g;
      room -= gw;
    }
    if (text) out.push({ ...s, text });
    break;
  }
  const last = out[out.length - 1];
  // A wide character that did not fit leaves a column: the mark and a space fill the line exactly.
  out.push(seg("…" + " ".repeat(room > 0 ? room : 0), last?.tone));
  return out;
}

export function pad(line: Line, width: number): Line {
  const fitted = fit(line, width);
  const w = lineWidth(fitted);
  return w < width ? [...fitted, seg(" ".repeat(width - w))] : fitted;
}

/** A single string cut to `width` columns (table cells). */
export function cut(text: string, width: number): string {
  return truncate(text, width);
}

function escapeTags(text: string): string {
  // blessed's own escape: braces become {open}/{close} tags.
  return text.replace(/[{}]/g, (ch) => (ch === "{" ? "{open}" : "{close}"));
}

export function toTags(line: Line, style: boolean | TagStyle): string {
  const { colour, highContrast } = typeof style === "boolean" ? { colour: style, highContrast: false } : style;
  return line
    .map((s) => {
      const text = escapeTags(s.text);
      if (!s.tone || (!colour && !ATTRIBUTES.has(s.tone))) return text;
      // High contrast: nothing dim, and every colour bold.
      if (highContrast && s.tone === "dim") return text;
      const [open, close] = TAGS[s.tone];
      if (highContrast && colour && !ATTRIBUTES.has(s.tone)) return `{bold}${open}${text}${close}{/bold}`;
      return `${open}${text}${close}`;
    })
    .join("");
}

/** Splits plain text into lines of at most `width` columns, at spaces where possible. */
export function wrapText(text: string, width: number): string[] {
  return wrapLines(text, Math.max(1, width));
}
