import { randomBytes } from "node:crypto";
import { closeSync, constants, openSync, unlinkSync, writeSync } from "node:fs";
import os from "node:os";
import { readRegularFile } from "./files.js";
import { t } from "../text/catalog.js";

/**
 * A lock file beside the file it guards, for a short read-modify-write shared by
 * several tutor processes. Node has no flock(), so the lock is a file created with
 * O_EXCL holding "<pid> <host> <nonce>". Synchronous on purpose: it is held for
 * the few milliseconds of a read and a write, and callers include exit-time
 * cleanup, where no event-loop turn may be left.
 */

export interface LockOptions {
  /** How long to wait for another holder before giving up (LockBusy). */
  waitMs?: number;
  /** A lock at least this old is taken over even when its holder seems alive (stopped, or its pid reused). */
  staleMs?: number;
}

/** A read-modify-write takes milliseconds; a lock 10 s old belongs to a process that is stuck or gone. */
export const STALE_MS = 10_000;
/** Longer than STALE_MS, so a stuck holder is taken over before a waiter gives up. */
export const WAIT_MS = 15_000;
const MAX_ATTEMPTS = 20_000;
const LOCK_CAP = 256;

export class LockBusy extends Error {
  constructor(
    readonly lockFile: string,
    /** The holder's pid, when the lock file names one. */
    readonly holder: number | undefined,
    readonly waitedMs: number,
  ) {
    super(t("progress.lockHeld", { lock: lockFile, holder: holder ?? "none", seconds: Math.round(waitedMs / 1000) }));
    this.name = "LockBusy";
  }
}

/**
 * Runs `fn` holding the lock. A lock whose holder is dead (same host, pid gone),
 * or older than staleMs, is taken over. Throws LockBusy if the lock cannot be had
 * within waitMs, and the file system's error if no lock file can be created
 * (e.g. EACCES on the folder).
 */
export function withLock<T>(lockFile: string, fn: () => T, opts: LockOptions = {}): T {
  const token = acquire(lockFile, opts.waitMs ?? WAIT_MS, opts.staleMs ?? STALE_MS);
  try {
    return fn();
  } finally {
    release(lockFile, token);
  }
}

interface Holder {
  content: string;
  pid: number | undefined;
  host: string | undefined;
  /** undefined when the path holds something that is not a readable lock file: never taken over. */
  mtimeMs: number | undefined;
}

function acquire(lockFile: string, waitMs: number, staleMs: number): string {
  const token = `${process.pid} ${os.hostname()} ${randomBytes(8).toString("hex")}\n`;
  const start = Date.now();
  let pause = 1;
  let last: Holder | undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (tryCreate(lockFile, token)) return token;
    last = readHolder(lockFile);
    if (last && isStale(last, staleMs) && breakStale(lockFile, last, staleMs, token)) continue;
    const waited = Date.now() - start;
    if (waited >= waitMs) break;
    // Jitter, so processes that collided do not collide again in step.
    sleep(Math.min(pause + Math.random() * pause, waitMs - waited));
    pause = Math.min(pause * 2, 50);
  }
  throw new LockBusy(lockFile, last?.pid, Date.now() - start);
}

/** O_EXCL: of all the processes trying at once, exactly one creates the file. */
function tryCreate(file: string, token: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
  try {
    writeSync(fd, token);
  } catch (err) {
    closeSync(fd);
    removeQuietly(file);
    throw err;
  }
  closeSync(fd);
  return true;
}

function readHolder(file: string): Holder | undefined {
  const r = readRegularFile(file, LOCK_CAP);
  if (r.kind === "missing") return undefined;
  if (r.kind === "refused") return { content: "", pid: undefined, host: undefined, mtimeMs: undefined };
  // An empty file is a holder between its create and its write: judged by age alone.
  const m = /^(\d{1,10}) (\S+) [0-9a-f]+\n$/.exec(r.text);
  const pid = m ? Number(m[1]) : undefined;
  return { content: r.text, pid: pid && pid > 0 ? pid : undefined, host: m?.[2], mtimeMs: r.mtimeMs };
}

function isStale(h: Holder, staleMs: number): boolean {
  if (h.mtimeMs === undefined) return false;
  if (Date.now() - h.mtimeMs >= staleMs) return true;
  if (h.pid === undefined || h.host !== os.hostname()) return false;
  // This process never holds two locks at once (sync, not nested): a lock naming our pid
  // was left by an earlier process that had the same pid.
  if (h.pid === process.pid) return true;
  return !alive(h.pid);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, as another user's process.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes a stale lock so that only one waiter does it: the waiter that creates
 * `<lock>.break` looks again, and removes the lock only if it is still the same
 * stale one. Without this, two waiters that both saw the stale lock could each
 * remove it, the second removing the fresh lock the first had just taken.
 * Returns true when the lock is gone and creating it may be tried again at once.
 */
function breakStale(lockFile: string, judged: Holder, staleMs: number, token: string): boolean {
  const breaker = `${lockFile}.break`;
  if (!tryCreate(breaker, token)) {
    // A waiter died while breaking (a window of microseconds): its marker is stale the same way.
    const b = readHolder(breaker);
    if (b && isStale(b, staleMs)) removeQuietly(breaker);
    return false;
  }
  try {
    const now = readHolder(lockFile);
    if (!now) return true;
    if (now.content !== judged.content || now.mtimeMs !== judged.mtimeMs || !isStale(now, staleMs)) return false;
    removeQuietly(lockFile);
    return true;
  } finally {
    removeQuietly(breaker);
  }
}

/** Removes the lock only if it is still ours: after a takeover it belongs to someone else. */
function release(lockFile: string, token: string): void {
  const r = readRegularFile(lockFile, LOCK_CAP);
  if (r.kind === "text" && r.text === token) removeQuietly(lockFile);
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** A synchronous sleep that does not spin the CPU the lock's holder needs. */
function sleep(ms: number): void {
  if (ms > 0) Atomics.wait(sleeper, 0, 0, ms);
}
