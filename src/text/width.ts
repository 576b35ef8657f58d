/**
 * Measuring terminal text: display columns, not UTF-16 code units. A Chinese
 * character takes two columns, a combining accent none, an emoji with a skin tone
 * two, an ANSI colour code none. Every view measures through here.
 */
import { stripVTControlCharacters } from "node:util";
import stringWidth from "string-width";

// Most text a view measures is plain printable ASCII, one column a character: measured by its
// length, since a flood of tracer strings is measured and cut thousands of times a second.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Columns the text takes on a terminal (ANSI escape codes count zero). */
export function displayWidth(text: string): number {
  return PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text);
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

// An ANSI sequence (CSI … final byte, or OSC … BEL/ST), matched where the scan stands.
// eslint-disable-next-line no-control-regex
const ANSI_AT = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/y;

/**
 * Cuts text to at most `width` columns, ending with `mark` when something was cut.
 * The cut lands between graphemes, a wide character never straddles the edge, and
 * colour codes after the cut are kept (so a style that was opened is still closed).
 */
export function truncate(text: string, width: number, mark = "…"): string {
  if (width <= 0) return "";
  if (text.length <= width && PRINTABLE_ASCII.test(text)) return text;
  const markWidth = displayWidth(mark);
  const room = Math.max(0, width - markWidth);
  // One pass that measures only until the text is known not to fit: a line of megabytes
  // costs the columns shown, not its length. `out` collects the text up to `room` and
  // every colour code; the mark goes in at `markAt` once the text is known to be too wide.
  let total = 0;
  let out = "";
  let markAt = -1;
  let over = false;
  for (let pos = 0; pos < text.length; ) {
    const esc = text.indexOf("\x1b", pos);
    if (esc === pos) {
      ANSI_AT.lastIndex = pos;
      const m = ANSI_AT.exec(text);
      if (m) {
        out += m[0];
        pos += m[0].length;
        continue;
      }
    }
    // Plain text up to the next escape (a lone ESC with no sequence is a character of its own).
    const end = esc < 0 ? text.length : esc === pos ? pos + 1 : esc;
    const run = text.slice(pos, end);
    pos = end;
    if (over) continue;
    if (PRINTABLE_ASCII.test(run)) {
      if (markAt < 0) {
        const take = Math.min(run.length, room - total);
        out += run.slice(0, take);
        if (take < run.length) markAt = out.length;
      }
      total += run.length;
    } else {
      for (const { segment } of segmenter.segment(run)) {
        const w = displayWidth(segment);
        if (markAt < 0) {
          if (total + w > room) markAt = out.length;
          else out += segment;
        }
        total += w;
        if (total > width) break;
      }
    }
    over = total > width;
  }
  if (!over) return text;
  return out.slice(0, markAt) + (markWidth <= width ? mark : "") + out.slice(markAt);
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
