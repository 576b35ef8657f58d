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

/*
 * Chinese (and Japanese) text has no spaces: a line may break between any two of its
 * characters, except before closing punctuation (，。）…) or after opening punctuation
 * (（「…), the rule Chinese typesetting follows. wrap-ansi breaks only at spaces, so a
 * sentence of Chinese would be one long "word", and a line would end early wherever an
 * English word with a space happens to stand. A paragraph with wide characters is
 * broken here instead (its colour codes stay where they are: a terminal keeps a colour
 * across a line break).
 */
const WIDE_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;
/** Chinese punctuation is full width: it needs no space beside it. */
const FULLWIDTH_PUNCTUATION = /[\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/u;
const CLOSING = "，。、；：！？）」』】》〉…—·%％,.;:!?)]}";
const OPENING = "（「『【《〈([{";

/** Tokens a line may break between: runs of spaces, words of narrow text, and single wide characters with their punctuation; colour codes stick to the text beside them. */
function breakTokens(para: string): string[] {
  const tokens: string[] = [];
  // eslint-disable-next-line no-control-regex
  for (const m of para.matchAll(/\x1b\[[0-9;]*m| +|[^ ]/gu)) {
    const piece = m[0];
    const last = tokens[tokens.length - 1];
    if (piece.startsWith("\x1b")) {
      if (last === undefined || last.startsWith(" ")) tokens.push(piece);
      else tokens[tokens.length - 1] = last + piece;
      continue;
    }
    const wide = WIDE_CHAR.test(piece);
    const lastChar = last === undefined ? "" : visibleTail(last);
    if (piece.startsWith(" ") || last === undefined || last.startsWith(" ")) tokens.push(piece);
    // A token of colour codes alone: the text that follows belongs with it.
    else if (lastChar === "") tokens[tokens.length - 1] = last + piece;
    // No break before closing punctuation, nor after opening punctuation.
    else if (CLOSING.includes(piece) || OPENING.includes(lastChar)) tokens[tokens.length - 1] = last + piece;
    // Between two narrow characters (inside a word) there is no break either.
    else if (!wide && !WIDE_CHAR.test(lastChar)) tokens[tokens.length - 1] = last + piece;
    else tokens.push(piece);
  }
  return tokens;
}

/** The last visible character of a token (colour codes left out). */
function visibleTail(token: string): string {
  // eslint-disable-next-line no-control-regex
  const visible = token.replace(/\x1b\[[0-9;]*m/g, "");
  return visible === "" ? "" : [...visible].at(-1)!;
}

/** Greedy filling by display width; `first` is the room on the first line, `rest` on the others. */
function wrapWide(para: string, first: number, rest: number): string[] {
  const lines: string[] = [];
  let line = "";
  let room = first;
  for (const tok of breakTokens(para)) {
    if (tok.startsWith(" ")) {
      line += tok;
      continue;
    }
    if (displayWidth(line + tok) <= room || line.trim() === "") {
      if (displayWidth(line + tok) <= room) {
        line += tok;
        continue;
      }
      // A token wider than a whole line (a long path): cut it at the column.
      const cut = wrapAnsi(line + tok, room, { hard: true, trim: false }).split("\n");
      lines.push(...cut.slice(0, -1).map((l) => trimEnd(l)));
      line = cut[cut.length - 1]!;
      room = rest;
      continue;
    }
    lines.push(trimEnd(line));
    line = tok;
    room = rest;
  }
  lines.push(line);
  // A colour code carried to the start of a line is fine; a line of nothing but colour codes is not a line.
  for (let i = lines.length - 1; i > 0; i--) if (displayWidth(lines[i]!) === 0) lines[i - 1] += lines.splice(i, 1)[0]!;
  return lines;
}

/** One paragraph (no newline) wrapped to `width`, as lines. */
function wrapParagraph(para: string, width: number, indent: string): string[] {
  if (displayWidth(para) <= width) return [para];
  const w = Math.max(1, width);
  if (WIDE_CHAR.test(para)) {
    const indentWidth = displayWidth(indent);
    const withIndent = indentWidth > 0 && indentWidth < w;
    const lines = wrapWide(para, w, withIndent ? w - indentWidth : w);
    return lines.map((l, i) => (i > 0 && withIndent ? indent + l : l));
  }
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
/**
 * Lines of a paragraph joined back into one: the break becomes a space between words,
 * and nothing between two Chinese characters (a Chinese text has no spaces to restore).
 */
export function joinSoftBreaks(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/([^\s])(?:\x1b\[[0-9;]*m)*[ \t]*\n[ \t]*(?=(?:\x1b\[[0-9;]*m)*([^\s]))/gu, (all: string, before: string, ...rest: unknown[]) => {
    const after = rest[0] as string;
    const codes = all.match(/\x1b\[[0-9;]*m/g)?.join("") ?? "";
    const tight = (WIDE_CHAR.test(before) && WIDE_CHAR.test(after)) || FULLWIDTH_PUNCTUATION.test(before) || FULLWIDTH_PUNCTUATION.test(after);
    return before + codes + (tight ? "" : " ");
  });
}

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

/**
 * Lines fitted to the terminal (--help, lists with a column): a line that is too wide is wrapped at word
 * boundaries, its continuation lines indented to where its text starts — after a
 * "  --watch  " or "  verify <exercise> <file>  " column — so option and command
 * tables stay tables. (Unwrapped, the terminal cut words at the edge.)
 */
export function wrapColumns(text: string, width: number): string {
  return text
    .split("\n")
    .map((line) => {
      if (displayWidth(line) <= width) return line;
      const column = /^(\s*\S(?:\S| (?! ))*\s{2,})(?=\S)/.exec(line)?.[1];
      const lead = /^\s*/.exec(line)![0];
      // Under the column when the longest word fits there; else (a narrow terminal, a long path) under the line's start.
      // (Chinese breaks between any two characters: each is a word of its own here.)
      const longest = Math.max(...line.trim().split(/\s+|(?<=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])|(?=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])/u).map((w) => displayWidth(w)));
      const hang = column !== undefined && displayWidth(column) + longest <= width ? displayWidth(column) : displayWidth(lead);
      return wrap(line, width, " ".repeat(hang));
    })
    .join("\n");
}
