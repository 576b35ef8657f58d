import { randomBytes } from "node:crypto";
import { closeSync, constants, existsSync, fsyncSync, fstatSync, openSync, readSync, realpathSync, renameSync, unlinkSync, writeFileSync, writeSync, type Stats } from "node:fs";
import { t } from "../text/catalog.js";
import { formatSize } from "../text/units.js";

/** The file-system side of the progress store: a guarded read, an atomic write, copies beside the file. */

export type FileRead =
  | { kind: "missing" }
  | { kind: "text"; text: string; mtimeMs: number }
  /** `why` completes "Your file … ", e.g. "is not a regular file (it is a FIFO)". */
  | { kind: "refused"; why: string };

/**
 * Reads a small file that anyone may have put in our way: only a regular file
 * (a symlink to one is fine) and at most `cap` bytes. O_NONBLOCK keeps a FIFO
 * from blocking the open; fstat on the open fd judges the file actually opened,
 * and at most cap+1 bytes are read, so /dev/zero or a growing file cannot fill memory.
 */
export function readRegularFile(file: string, cap: number): FileRead {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // ENOTDIR: a parent is a file, so there is no progress file to protect either.
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing" };
    return { kind: "refused", why: t("progress.why.unreadable", { error: describeError(err) }) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { kind: "refused", why: t("progress.why.notRegular", { kind: kindOf(st) }) };
    if (st.size > cap) return { kind: "refused", why: t("progress.why.tooLarge", { cap: formatSize(cap), size: formatSize(st.size) }) };
    // cap+1 bytes at most: one more than allowed tells us the file grew past the cap while we read it.
    const buf = Buffer.allocUnsafe(cap + 1);
    let n = 0;
    // Bounded: every pass reads at least one byte or ends the loop.
    while (n < buf.length) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    if (n > cap) return { kind: "refused", why: t("progress.why.grewTooLarge", { cap: formatSize(cap) }) };
    return { kind: "text", text: buf.subarray(0, n).toString("utf8"), mtimeMs: st.mtimeMs };
  } catch (err) {
    return { kind: "refused", why: t("progress.why.unreadable", { error: describeError(err) }) };
  } finally {
    closeSync(fd);
  }
}

/** "EACCES: permission denied" from Node's "EACCES: permission denied, open '…'". */
export function describeError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const m = /^([A-Z0-9]+): ([^,]+)/.exec(e?.message ?? "");
  if (m) return `${m[1]}: ${m[2]}`;
  return e?.code ?? String(err);
}

function kindOf(st: Stats): string {
  if (st.isFIFO()) return t("progress.kind.fifo");
  if (st.isCharacterDevice()) return t("progress.kind.charDevice");
  if (st.isBlockDevice()) return t("progress.kind.blockDevice");
  if (st.isDirectory()) return t("progress.kind.folder");
  if (st.isSocket()) return t("progress.kind.socket");
  return t("progress.kind.other");
}

/**
 * Temp file + fsync + rename, so a crash mid-write never leaves half a file. A
 * symlink is written through: its target is replaced and the link kept.
 */
export function writeAtomically(file: string, text: string): void {
  let target = file;
  try {
    target = realpathSync(file);
  } catch {
    // no file yet (or a dangling link): write the path itself
  }
  const tmp = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    const fd = openSync(tmp, "wx", 0o644);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean up
    }
    throw err;
  }
}

/** Moves `file` to `<file>.<kind>-<time>` and returns that name. */
export function renameAside(file: string, kind: string): string {
  const backup = freeName(file, kind);
  renameSync(file, backup);
  return backup;
}

/** Writes `text` to a new `<file>.<kind>-<time>` (never over another) and returns that name. */
export function writeCopy(file: string, kind: string, text: string): string {
  const name = freeName(file, kind);
  writeFileSync(name, text, { flag: "wx", mode: 0o644 });
  return name;
}

/** A name beside `file` that is not taken yet (two in one millisecond get -1, -2 …). */
function freeName(file: string, kind: string): string {
  const base = `${file}.${kind}-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  for (let i = 0; i < 100; i++) {
    const name = i === 0 ? base : `${base}-${i}`;
    if (!existsSync(name)) return name;
  }
  return `${base}-${randomBytes(4).toString("hex")}`;
}
