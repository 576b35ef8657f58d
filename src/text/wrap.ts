/**
 * Word wrapping by display width. wrap-ansi does the hard part (colour codes kept
 * per line, East Asian text and overlong words broken at a column); this adds
 * the tutor's conventions on top: continuation lines carry an indent, and a line
 * broken at a space does not keep that space at its end.
 */
import wrapAnsi from "wrap-ansi";
import { displayWidth } from "./width.js";

// Spaces at the end of a line, possibly before closing colour codes.
// eslint-disable-next-line no-control-regex
const TRAILING_SPACES = / +((?:\x1b\[[0-9;]*m)*)$/;

// Spaces at the start of a line, possibly after opening colour codes.
// eslint-disable-next-line no-control-regex
const LEADING_SPACES = /^((?:\x1b\[[0-9;]*m)*) +/;

function trimEnd(line: string): string {
  return line.replace(TRAILING_SPACES, "$1");
}

/** A continuation line: the space the break happened at belongs to neither line. */
function trimStart(line: string): string {
  return line.replace(LEADING_SPACES, "$1");
}

/** One paragraph (no newline) wrapped to `width`, as lines. */
function wrapParagraph(para: string, width: number, indent: string): string[] {
  if (displayWidth(para) <= width) return [para];
  const w = Math.max(1, width);
  // trim: false keeps the paragraph's own leading spaces and the runs of spaces inside it
  // (they align columns); the space at each break stays at the end of its line.
  const lines = wrapAnsi(para, w, { hard: true, trim: false }).split("\n");
  if (lines.length <= 1) return lines;
  const indentWidth = displayWidth(indent);
  if (indentWidth === 0 || indentWidth >= w) {
    return lines.map((l, i) => {
      const end = i < lines.length - 1 ? trimEnd(l) : l;
      return i > 0 ? trimStart(end) : end;
    });
  }
  // The rest after the first line, re-wrapped to the room an indented line has.
  const rest = trimStart(lines.slice(1).join(""));
  const more = wrapAnsi(rest, w - indentWidth, { hard: true, trim: false }).split("\n");
  return [trimEnd(lines[0]!), ...more.map((l, i) => indent + trimStart(i < more.length - 1 ? trimEnd(l) : l))];
}

// A space wrapping must not break at (wrap-ansi breaks at U+0020 only); wrap() turns it back.
const KEPT_SPACE = "\u00a0";

/**
 * Text to be kept on one line when wrapped (a command the learner copies: a break inside it
 * would paste as two commands). Only for text that goes through wrap(), which restores the spaces.
 */
export function keepTogether(text: string): string {
  return text.replaceAll(" ", KEPT_SPACE);
}

/**
 * Word-wraps text to `width` columns; continuation lines start with `indent`.
 * Existing line breaks are kept; a word longer than the width is broken.
 */
export function wrap(text: string, width: number, indent = ""): string {
  return text
    .split("\n")
    .flatMap((p) => wrapParagraph(p, width, indent))
    .join("\n")
    .replaceAll(KEPT_SPACE, " ");
}

/** The same, as an array of lines (for views that place lines themselves). */
export function wrapLines(text: string, width: number, indent = ""): string[] {
  return wrap(text, width, indent).split("\n");
}
