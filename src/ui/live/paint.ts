/**
 * Lines for the live view are built from styled segments, cut to the box width on
 * their visible text, then turned into blessed tags. Keeping width arithmetic on
 * plain text (never on tagged strings) is what keeps columns aligned.
 */
export type Tone = "dim" | "bold" | "red" | "green" | "yellow" | "cyan" | "magenta" | "blue" | "inverse" | "redBold" | "greenBold";

export interface Seg {
  text: string;
  tone?: Tone;
}

export type Line = Seg[];

const TAGS: Record<Tone, [string, string]> = {
  dim: ["{gray-fg}", "{/gray-fg}"],
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
const ATTRIBUTES = new Set<Tone>(["bold", "inverse"]);

export function seg(text: string, tone?: Tone): Seg {
  return tone ? { text, tone } : { text };
}

export function plainText(line: Line): string {
  return line.map((s) => s.text).join("");
}

/** Control characters from a program's output would move the cursor inside the box. */
export function sanitize(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\t/g, "    ").replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, "·");
}

/** Cuts a line to `width` visible characters, marking the cut with an ellipsis. */
export function fit(line: Line, width: number): Line {
  if (width <= 0) return [];
  if (plainText(line).length <= width) return line;
  const out: Line = [];
  let room = width - 1;
  for (const s of line) {
    if (room <= 0) break;
    out.push({ ...s, text: s.text.slice(0, room) });
    room -= Math.min(room, s.text.length);
  }
  const last = out[out.length - 1];
  out.push(seg("…", last?.tone));
  return out;
}

export function pad(line: Line, width: number): Line {
  const fitted = fit(line, width);
  const len = plainText(fitted).length;
  return len < width ? [...fitted, seg(" ".repeat(width - len))] : fitted;
}

function escapeTags(text: string): string {
  // blessed's own escape: braces become {open}/{close} tags.
  return text.replace(/[{}]/g, (ch) => (ch === "{" ? "{open}" : "{close}"));
}

export function toTags(line: Line, colour: boolean): string {
  return line
    .map((s) => {
      const text = escapeTags(s.text);
      if (!s.tone || (!colour && !ATTRIBUTES.has(s.tone))) return text;
      const [open, close] = TAGS[s.tone];
      return `${open}${text}${close}`;
    })
    .join("");
}

/** Splits plain text into lines of at most `width`, at spaces where possible. */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split("\n")) {
    let rest = para;
    while (rest.length > width) {
      let cut = rest.lastIndexOf(" ", width);
      if (cut <= 0) cut = width;
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut).replace(/^ /, "");
    }
    out.push(rest);
  }
  return out;
}
