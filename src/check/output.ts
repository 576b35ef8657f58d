import { t } from "../text/catalog.js";
import { TerminalDecoder, type EscapeOptions } from "../text/escape.js";
import { displayWidth, truncate } from "../text/width.js";

/**
 * The learner's program output as display lines: bytes split at newlines, decoded by
 * the text module (escape sequences, C1 and bidi controls and invalid UTF-8 shown as
 * escapes, a character split across reads kept whole), each line cut to a width in
 * columns. Memory is bounded: of a line, only the first `maxHeldBytes` are kept; the
 * rest is counted, so a 100 MB line without a newline costs a few KiB.
 */

/** Columns a shown line may take (a longer one is cut and says how much was left out). */
export const MAX_LINE_COLUMNS = 400;
/** Bytes kept of one line: enough for 400 columns of any script, with room for accents. */
const MAX_HELD_BYTES = 4096;

/** Tabs stay tabs (a terminal, and the live view, expand them); everything else unsafe is escaped. */
export const OUTPUT_ESCAPE: EscapeOptions = { tabs: "keep" };

function decodeAll(bytes: Uint8Array, whole: boolean): string {
  const d = new TerminalDecoder(OUTPUT_ESCAPE);
  // A line cut mid-character ends where its last whole character ends.
  return whole ? d.write(bytes) + d.end() : d.write(bytes);
}

/**
 * One line for display: `bytes` are the first bytes of a line of `total` bytes (no
 * newline). Cut between graphemes to `maxColumns`, ending with "… (N more bytes)"
 * where N counts exactly the bytes not shown.
 */
export function displayLine(bytes: Uint8Array, total: number = bytes.length, maxColumns = MAX_LINE_COLUMNS): string {
  // "\r\n" line ends (a program written for Windows): the line is the part before.
  if (total === bytes.length && bytes[bytes.length - 1] === 0x0d) {
    bytes = bytes.subarray(0, bytes.length - 1);
    total--;
  }
  const whole = total === bytes.length;
  const text = decodeAll(bytes, whole);
  if (whole && displayWidth(text) <= maxColumns) return text;
  // Room for the mark with the largest count it could show.
  const room = Math.max(1, maxColumns - displayWidth(` ${t("check.output.moreBytes", { n: total })}`));
  const shown = truncate(text, room, "");
  // The bytes behind `shown`: the shortest prefix whose text begins with all of it. (Not
  // just as long: a joiner at a prefix's end is escaped until the emoji after it arrives.)
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (decodeAll(bytes.subarray(0, mid), false).startsWith(shown)) hi = mid;
    else lo = mid + 1;
  }
  return `${shown} ${t("check.output.moreBytes", { n: total - lo })}`;
}

export interface SplitLine {
  text: string;
  bytes: number;
}

/** Splits one stream into display lines as its bytes arrive. */
export class LineSplitter {
  private held: Buffer[] = [];
  private heldBytes = 0;
  private lineBytes = 0;

  constructor(private readonly maxColumns = MAX_LINE_COLUMNS, private readonly maxHeldBytes = MAX_HELD_BYTES) {}

  /** Bytes kept for the current line (bounded by maxHeldBytes, whatever was written). */
  get bytesHeld(): number {
    return this.heldBytes;
  }

  /** Feeds a chunk; returns the lines it completed, each with the bytes it stood for (newline included). */
  push(chunk: Uint8Array): SplitLine[] {
    const lines: SplitLine[] = [];
    let start = 0;
    while (start <= chunk.length) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl < 0 ? chunk.length : nl;
      this.keep(chunk.subarray(start, end));
      if (nl < 0) break;
      lines.push(this.take(1));
      start = nl + 1;
    }
    return lines;
  }

  /** The last line if it had no newline (at the program's exit). */
  flush(): SplitLine | undefined {
    return this.lineBytes > 0 ? this.take(0) : undefined;
  }

  private keep(part: Uint8Array): void {
    this.lineBytes += part.length;
    const room = this.maxHeldBytes - this.heldBytes;
    if (room <= 0 || part.length === 0) return;
    // Copied: the chunk's memory is not ours to keep.
    const kept = Buffer.from(part.subarray(0, room));
    this.held.push(kept);
    this.heldBytes += kept.length;
  }

  private take(newline: number): SplitLine {
    const line = { text: displayLine(Buffer.concat(this.held, this.heldBytes), this.lineBytes, this.maxColumns), bytes: this.lineBytes + newline };
    this.held = [];
    this.heldBytes = 0;
    this.lineBytes = 0;
    return line;
  }
}
