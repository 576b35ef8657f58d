import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { formatSize } from "../text/units.js";

/**
 * Reading the files of a lesson tree (lesson.md, code files, demo.json and its
 * programs, task.md, hints, starters, solutions) the same careful way: a lesson
 * tree may come from anyone, so a file may be a link out of its folder, a loop,
 * a folder, a pipe, binary, or huge. Each case becomes a short reason a lesson
 * author can act on, never a stack or a hang.
 *
 * A reason is written to follow the file's name: "'x.py' is a folder, not a file"
 * (the catalog's lessons.reason.* texts). `rootName` and `kind` are catalog texts
 * too: "the lesson folder" (lessons.root.*), "a lesson file" (lessons.kind.*).
 */

export type FileCheck = { ok: true; real: string } | { ok: false; reason: string; missing: boolean };

/**
 * `reason` says "this line" when it is about one line of the file (`line`); `reasonAtLine`
 * says "line 12" instead, for a message whose file:line in front names another file.
 */
export type TextRead = { ok: true; text: string } | { ok: false; reason: string; missing: boolean; line?: number; reasonAtLine?: string };

/** Big enough for any lesson file by far; small enough that a mistake cannot eat the memory. */
export const MAX_TEXT_BYTES = 1024 * 1024;

/** An errno code as words, to follow a file's name. */
export function reasonFor(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return t("lessons.reason.missing");
    case "ELOOP":
      return t("lessons.reason.loop");
    case "EACCES":
    case "EPERM":
      return t("lessons.reason.denied");
    case "EISDIR":
      return t("lessons.reason.folder");
    case "ENOTDIR":
      return t("lessons.reason.notDir");
    case "ENAMETOOLONG":
      return t("lessons.reason.nameTooLong");
    case "EMFILE":
    case "ENFILE":
      return t("lessons.reason.tooManyOpen");
    case "EIO":
      return t("lessons.reason.io");
    default:
      return t("lessons.reason.other", { error: escapeTerminal(code ?? (err instanceof Error ? err.message : String(err))) });
  }
}

/**
 * Where `file` really is, if that is inside `root` (both through their links).
 * `rootName` names the folder in the reason: "the lesson folder".
 */
export function resolveInside(file: string, root: string, rootName: string): FileCheck {
  let real: string;
  try {
    real = realpathSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // realpath says ENOENT for a link to nowhere too: say which it is.
    if (code === "ENOENT" && isLink(file)) return { ok: false, reason: t("lessons.reason.dangling"), missing: false };
    return { ok: false, reason: reasonFor(err), missing: code === "ENOENT" };
  }
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch (err) {
    return { ok: false, reason: t("lessons.reason.folderUnchecked", { reason: reasonFor(err) }), missing: false };
  }
  if (real !== realRoot && !real.startsWith(realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep)) {
    return { ok: false, reason: t("lessons.reason.outside", { target: escapeTerminal(real), root: rootName }), missing: false };
  }
  return { ok: true, real };
}

/** A regular file inside `root` (not read): for programs that are run, not shown. */
export function checkFileInside(file: string, root: string, rootName: string): FileCheck {
  const where = resolveInside(file, root, rootName);
  if (!where.ok) return where;
  try {
    const st = statSync(where.real);
    if (st.isDirectory()) return { ok: false, reason: t("lessons.reason.folder"), missing: false };
    if (!st.isFile()) return { ok: false, reason: t("lessons.reason.notRegular"), missing: false };
  } catch (err) {
    return { ok: false, reason: reasonFor(err), missing: false };
  }
  return where;
}

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Reads a text file that must be inside `root`: a regular file, at most `maxBytes`,
 * UTF-8 without control characters (a terminal would obey them when the text is
 * shown). A leading byte order mark is dropped. Never blocks on a pipe.
 */
export function readTextInside(file: string, root: string, rootName: string, opts: { maxBytes?: number; kind?: string } = {}): TextRead {
  const maxBytes = opts.maxBytes ?? MAX_TEXT_BYTES;
  const kind = opts.kind ?? t("lessons.kind.any");
  const where = resolveInside(file, root, rootName);
  if (!where.ok) return where;
  let fd: number;
  try {
    // O_NONBLOCK: opening a pipe for reading would otherwise wait for a writer forever.
    fd = openSync(where.real, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return { ok: false, reason: reasonFor(err), missing: false };
  }
  let bytes: Buffer;
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { ok: false, reason: t("lessons.reason.folder"), missing: false };
    if (!st.isFile()) return { ok: false, reason: t("lessons.reason.notRegular"), missing: false };
    if (st.size > maxBytes) return { ok: false, reason: t("lessons.reason.tooBig", { size: formatSize(st.size), kind, max: formatSize(maxBytes) }), missing: false };
    // The size was checked, but the file may grow while it is read: read at most one byte more than allowed.
    const buf = Buffer.alloc(Math.min(maxBytes + 1, Math.max(st.size, 0) + 1));
    let length = 0;
    for (let n = -1; n !== 0 && length < buf.length; ) {
      n = readSync(fd, buf, length, buf.length - length, null);
      length += n;
    }
    if (length > maxBytes) return { ok: false, reason: t("lessons.reason.grewTooBig", { kind, max: formatSize(maxBytes) }), missing: false };
    bytes = buf.subarray(0, length);
  } catch (err) {
    return { ok: false, reason: reasonFor(err), missing: false };
  } finally {
    closeSync(fd);
  }
  return decodeText(bytes);
}

/**
 * The reason for a file named from another file (a lesson's `::: code`, a demo's
 * program): the line is said in words, since the file:line in front is the other file's.
 */
export function reasonWithLine(read: { reason: string; line?: number; reasonAtLine?: string }): string {
  return read.line ? (read.reasonAtLine ?? read.reason) : read.reason;
}

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
/** C0 controls except tab, newline, carriage return and form feed; DEL; C1 controls. */
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/;

/** Bytes as text, or the line where they stop being text. */
export function decodeText(bytes: Buffer): TextRead {
  let text: string;
  try {
    // The decoder drops a leading byte order mark (ignoreBOM: false).
    text = decoder.decode(bytes);
  } catch {
    const line = lineOfBadUtf8(bytes);
    const reason = (where: string): string => t("lessons.reason.notUtf8", { where });
    return { ok: false, reason: reason(t("lessons.where.thisLine")), reasonAtLine: reason(t("lessons.where.line", { line })), missing: false, line };
  }
  const m = CONTROL.exec(text);
  if (m) {
    const line = text.slice(0, m.index).split("\n").length;
    const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    const reason = (where: string): string => t("lessons.reason.control", { where, code });
    return { ok: false, reason: reason(t("lessons.where.thisLine")), reasonAtLine: reason(t("lessons.where.line", { line })), missing: false, line };
  }
  return { ok: true, text };
}

function lineOfBadUtf8(bytes: Buffer): number {
  // Decode line by line: the first line that fails holds the bad byte.
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line += 1;
      start = i + 1;
    }
  }
  return line;
}
