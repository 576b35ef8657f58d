import { t } from "../text/catalog.js";
import { displayWidth, padEnd } from "../text/width.js";

/**
 * Showing bytes to a learner: escaped like a Python bytes literal (the form the
 * lessons use), cut to a readable window, and compared with where they differ.
 */

const NAMED: Record<number, string> = { 0x0a: "\\n", 0x0d: "\\r", 0x09: "\\t", 0x5c: "\\\\", 0x27: "\\'" };

/** b'hello\n' style, without the b'' around it. */
export function escapeBytes(buf: Uint8Array): string {
  let out = "";
  for (const b of buf) {
    const named = NAMED[b];
    if (named) out += named;
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).padStart(2, "0")}`;
  }
  return out;
}

/** b'…' with at most `max` bytes shown; longer data says how much was left out. */
export function showBytes(buf: Uint8Array, max = 48): string {
  if (buf.length === 0) return t("check.bytes.nothing");
  if (buf.length <= max) return `b'${escapeBytes(buf)}'`;
  return t("check.bytes.cut", { shown: `b'${escapeBytes(buf.subarray(0, max))}'`, n: buf.length });
}

/** Index of the first byte where a and b differ, or -1 if equal. A prefix differs at its end. */
export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return firstDifference(a, b) === -1;
}

/** "262144 bytes (256 KiB)", "1400 bytes": exact, with the round size a learner would say. */
export function size(n: number): string {
  if (n >= 1024 && n % 1024 === 0) return t("check.size.kib", { n, kib: n / 1024 });
  return t("common.bytes", { n });
}

/**
 * Explains how `got` differs from `expected`, for a check's detail:
 *   got 1024 of 262144 bytes
 *   first difference at byte 3: expected b'\xff\x10…' got b'\xef\xbf\xbd…'
 * The window starts a few bytes before the difference so the learner sees context.
 */
export function describeDifference(expected: Uint8Array, got: Uint8Array, window = 16): string {
  const at = firstDifference(expected, got);
  if (at === -1) return t("check.diff.identical");
  if (got.length < expected.length && at === got.length) {
    return t("check.diff.missing", { got: got.length, expected: size(expected.length), at, bytes: showBytes(expected.subarray(at), window) });
  }
  if (got.length > expected.length && at === expected.length) {
    return t("check.diff.extra", { expected: size(expected.length), more: got.length - expected.length, bytes: showBytes(got.subarray(at), window) });
  }
  const from = Math.max(0, at - 4);
  const prefix = from > 0 ? "…" : "";
  // The two excerpts line up: the words are padded to the same width.
  const words = [t("check.diff.expectedWord"), t("check.diff.gotWord")];
  const w = Math.max(...words.map((x) => displayWidth(x)));
  const lines = [
    t("check.diff.differs", { got: size(got.length), expected: size(expected.length), at }),
    `  ${padEnd(words[0]!, w)} ${prefix}${showBytes(expected.subarray(from, from + window), window)}`,
    `  ${padEnd(words[1]!, w)} ${prefix}${showBytes(got.subarray(from, from + window), window)}`,
  ];
  if (looksLikeReplacementChar(got, at)) lines.push(`  ${t("check.diff.replacement")}`);
  return lines.join("\n");
}

function looksLikeReplacementChar(buf: Uint8Array, at: number): boolean {
  for (let i = Math.max(0, at - 2); i <= at && i + 2 < buf.length; i++) {
    if (buf[i] === 0xef && buf[i + 1] === 0xbf && buf[i + 2] === 0xbd) return true;
  }
  return false;
}

/**
 * Deterministic bytes that use every value 0–255 and never repeat with a short
 * period, so a lost, doubled or reordered chunk shows up as a difference
 * (a repeating "abc…" pattern could hide a dropped block).
 */
export function patternBytes(length: number, seed = 0x9e3779b9): Buffer {
  const key = `${length}:${seed}`;
  const hit = patterns.get(key);
  if (hit) return hit;
  const out = makePattern(length, seed);
  // The big payloads are made again for every seed of every check: keep the last few.
  if (patterns.size >= 4) patterns.delete(patterns.keys().next().value!);
  patterns.set(key, out);
  return out;
}

const patterns = new Map<string, Buffer>();

function makePattern(length: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** ASCII upper case, byte by byte: only a–z change (the udp-upper contract). */
export function asciiUpper(buf: Uint8Array): Buffer {
  const out = Buffer.from(buf);
  for (let i = 0; i < out.length; i++) {
    const b = out[i]!;
    if (b >= 0x61 && b <= 0x7a) out[i] = b - 0x20;
  }
  return out;
}
