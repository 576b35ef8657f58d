/**
 * Measuring terminal text: display columns, not UTF-16 code units. A Chinese
 * character takes two columns, a combining accent none, an emoji with a skin tone
 * two, an ANSI colour code none. Every view measures through here.
 */
import { stripVTControlCharacters } from "node:util";
import stringWidth from "string-width";

/** Columns the text takes on a terminal (ANSI escape codes count zero). */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** The text without ANSI escape codes. */
export function stripAnsi(text: string): string {
  return stripVTControlCharacters(text);
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** User-perceived characters (a base letter with its accents, an emoji sequence): the units a cut may not split. */
export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

// An ANSI sequence (CSI … final byte, or OSC … BEL/ST), matched at the start of the rest of the string.
// eslint-disable-next-line no-control-regex
const ANSI_AT = /^(?:\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\))/;

/** Splits into ANSI codes (kept whole, zero width) and graphemes, in order. */
function pieces(text: string): { text: string; ansi: boolean }[] {
  const out: { text: string; ansi: boolean }[] = [];
  let rest = text;
  while (rest.length > 0) {
    const esc = rest.indexOf("\x1b");
    if (esc === 0) {
      const m = ANSI_AT.exec(rest);
      if (m) {
        out.push({ text: m[0], ansi: true });
        rest = rest.slice(m[0].length);
        continue;
      }
    }
    // Plain text up to the next escape (a lone ESC with no sequence is a character of its own).
    const end = esc <= 0 ? (esc === 0 ? 1 : rest.length) : esc;
    for (const g of graphemes(rest.slice(0, end))) out.push({ text: g, ansi: false });
    rest = rest.slice(end);
  }
  return out;
}

/**
 * Cuts text to at most `width` columns, ending with `mark` when something was cut.
 * The cut lands between graphemes, a wide character never straddles the edge, and
 * colour codes after the cut are kept (so a style that was opened is still closed).
 */
export function truncate(text: string, width: number, mark = "…"): string {
  if (width <= 0) return "";
  if (displayWidth(text) <= width) return text;
  const markWidth = displayWidth(mark);
  const room = Math.max(0, width - markWidth);
  let used = 0;
  let out = "";
  let cut = false;
  for (const p of pieces(text)) {
    if (p.ansi) {
      out += p.text;
      continue;
    }
    if (cut) continue;
    const w = displayWidth(p.text);
    if (used + w > room) {
      cut = true;
      out += markWidth <= width ? mark : "";
      continue;
    }
    out += p.text;
    used += w;
  }
  return out;
}

/** Text padded with spaces to exactly `width` columns (cut with `…` when wider). */
export function padEnd(text: string, width: number): string {
  const t = truncate(text, width);
  return t + " ".repeat(Math.max(0, width - displayWidth(t)));
}

/** Right-aligned in `width` columns (cut with `…` when wider). */
export function padStart(text: string, width: number): string {
  const t = truncate(text, width);
  return " ".repeat(Math.max(0, width - displayWidth(t))) + t;
}
