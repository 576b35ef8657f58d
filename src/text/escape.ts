/**
 * Making untrusted text safe for a terminal. Text from a learner's program, its
 * file name, a lesson file or the kernel (a Unix socket's path) may hold escape
 * sequences that would move the cursor, retitle the window, clear the screen or
 * reorder what is shown (bidi controls). Everything such text passes through one
 * of these functions before any view shows it: controls are shown as visible
 * escapes (`\x1b`, `\u202e`), printable Unicode (Chinese included) passes as is.
 */

export interface EscapeOptions {
  /** Keep "\n" as a line break (text shown as lines). Default: escaped. */
  keepNewlines?: boolean;
  /** "keep": pass tabs (a view expands them later); a number: show a tab as that many spaces. Default: escaped as `\t`. */
  tabs?: "keep" | number;
}

const NAMED: Record<string, string> = { "\t": "\\t", "\n": "\\n", "\r": "\\r" };

function hex(cp: number): string {
  if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, "0")}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, "0")}`;
  return `\\U${cp.toString(16).padStart(8, "0")}`;
}

/**
 * What is escaped: C0 controls and DEL; C1 controls (U+0080–U+009F: some terminals
 * act on them, CSI among them); format characters (bidi overrides and isolates,
 * zero-width spaces, the BOM, tags), except a zero-width joiner inside an emoji
 * sequence; line and paragraph separators; lone surrogates.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]|\p{Cf}/gu;

const PICTO_BEFORE = /\p{Extended_Pictographic}[\u{1f3fb}-\u{1f3ff}\ufe0f]?$/u;
const PICTO_AFTER = /^\p{Extended_Pictographic}/u;

export function escapeTerminal(text: string, opts: EscapeOptions = {}): string {
  return text.replace(UNSAFE, (ch: string, offset: number, whole: string) => {
    if (opts.keepNewlines && (ch === "\n" || (ch === "\r" && whole[offset + 1] === "\n"))) return ch;
    if (ch === "\t" && opts.tabs !== undefined) return opts.tabs === "keep" ? ch : " ".repeat(opts.tabs);
    // A joiner between two emoji builds one picture (👩‍💻): it is part of printable text.
    if (ch === "\u200d" && PICTO_BEFORE.test(whole.slice(Math.max(0, offset - 3), offset)) && PICTO_AFTER.test(whole.slice(offset + 1, offset + 3))) return ch;
    return NAMED[ch] ?? hex(ch.codePointAt(0)!);
  });
}

/** True when the text would be shown unchanged. */
export function isTerminalSafe(text: string, opts: EscapeOptions = {}): boolean {
  return escapeTerminal(text, opts) === text;
}

/**
 * Decodes bytes for a terminal, chunk by chunk: valid UTF-8 becomes text (then
 * escaped as above), and each byte that is not part of a valid sequence is shown
 * as `\xNN`, never as a replacement character. A sequence split across two chunks
 * is held until the rest arrives.
 */
export class TerminalDecoder {
  private held = Buffer.alloc(0);

  constructor(private readonly opts: EscapeOptions = {}) {}

  write(chunk: Uint8Array): string {
    const buf = this.held.length ? Buffer.concat([this.held, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const { text, rest } = decode(buf, false);
    this.held = Buffer.from(rest);
    return escapeTerminal(text, this.opts).replace(INVALID_MARK, (m) => hex(m.charCodeAt(0) - INVALID_BASE));
  }

  /** Whatever is held back (an incomplete sequence at the very end) as escapes. */
  end(): string {
    const rest = this.held;
    this.held = Buffer.alloc(0);
    return Array.from(rest, (b) => hex(b)).join("");
  }
}

/** Bytes to escaped text in one go (see TerminalDecoder). */
export function escapeTerminalBytes(buf: Uint8Array, opts: EscapeOptions = {}): string {
  const d = new TerminalDecoder(opts);
  return d.write(buf) + d.end();
}

// Invalid bytes travel through escapeTerminal as private-use code points U+F700+byte,
// which it passes unchanged; they are turned into \xNN afterwards. A real U+F7xx in
// the input is rare, and is escaped first so it cannot be mistaken for one.
const INVALID_BASE = 0xf700;
const INVALID_MARK = /[\uf780-\uf7ff]/g;

function seqLength(b: number): number {
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

/** Whether bytes[i+1] fits the second byte of a sequence led by `lead` (no overlongs, no surrogates, ≤ U+10FFFF). */
function secondOk(lead: number, b: number): boolean {
  if (lead === 0xe0) return b >= 0xa0 && b <= 0xbf;
  if (lead === 0xed) return b >= 0x80 && b <= 0x9f;
  if (lead === 0xf0) return b >= 0x90 && b <= 0xbf;
  if (lead === 0xf4) return b >= 0x80 && b <= 0x8f;
  return b >= 0x80 && b <= 0xbf;
}

function decode(buf: Buffer, final: boolean): { text: string; rest: Buffer } {
  let text = "";
  let i = 0;
  let runStart = 0;
  const flush = (end: number): void => {
    if (end > runStart) text += escapeOwnMarks(buf.toString("utf8", runStart, end));
  };
  while (i < buf.length) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = seqLength(b);
    let ok = n > 0;
    let complete = true;
    for (let k = 1; ok && k < n; k++) {
      if (i + k >= buf.length) {
        complete = false;
        break;
      }
      const c = buf[i + k]!;
      ok = k === 1 ? secondOk(b, c) : c >= 0x80 && c <= 0xbf;
    }
    if (ok && !complete && !final) {
      flush(i);
      return { text, rest: buf.subarray(i) };
    }
    if (ok && complete) {
      i += n;
      continue;
    }
    flush(i);
    text += String.fromCharCode(INVALID_BASE + b);
    i++;
    runStart = i;
  }
  flush(i);
  return { text, rest: Buffer.alloc(0) };
}

function escapeOwnMarks(s: string): string {
  return s.replace(INVALID_MARK, (m) => hex(m.charCodeAt(0)));
}
