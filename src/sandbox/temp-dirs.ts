import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { lookupProcess, ownPidNamespace } from "../kernel/proc-identity.js";

/**
 * Each demo run and each checker run has a private temp dir (`socket-tutor-demo-*`,
 * `socket-tutor-check-*`: Unix socket paths, copies for an unprivileged user). A tutor
 * killed with -9 cannot remove its own, so the next run sweeps the ones whose tutor is gone. "Gone" must be proven, not
 * guessed: the dir may belong to a tutor still running, in another container sharing
 * /tmp or under a pid that looks free from here. So each dir records its owner as
 * (pid, start time, pid namespace), and a dir is removed only when, in the same
 * namespace, that pid has no process or a process that started at another time.
 * Anything else (no record, a record that does not parse, another namespace, /proc
 * not answering) keeps the dir.
 */

/** A demo's temp dirs; the checker's use CHECK_PREFIX. */
export const TEMP_PREFIX = "socket-tutor-demo-";
export const CHECK_PREFIX = "socket-tutor-check-";
export const OWNER_FILE = "owner.json";

export interface OwnerRecord {
  pid: number;
  /** /proc/<pid>/stat field 22; null where there is no /proc (then only "no such pid" proves anything). */
  startTime: string | null;
  /** /proc/self/ns/pid, e.g. "pid:[4026531836]"; null where there is none. */
  pidNamespace: string | null;
}

/** This tutor, as it is recorded in its temp dirs. */
export function ownRecord(procRoot = "/proc"): OwnerRecord {
  const me = lookupProcess(process.pid, procRoot);
  return { pid: process.pid, startTime: me.state === "running" ? me.startTime : null, pidNamespace: ownPidNamespace(procRoot) ?? null };
}

/** A new private temp dir with its owner record. The record is written whole (then renamed), so a sweep never reads half of it. */
export function makeTempDir(tmp = os.tmpdir(), prefix = TEMP_PREFIX): string {
  const dir = mkdtempSync(path.join(tmp, prefix));
  const part = path.join(dir, `${OWNER_FILE}.part`);
  writeFileSync(part, JSON.stringify(ownRecord()), { mode: 0o600 });
  renameSync(part, path.join(dir, OWNER_FILE));
  return dir;
}

/** The record in an owner file, or undefined when it is not exactly one (a hand-edited or truncated file proves nothing). */
export function parseOwnerRecord(text: string): OwnerRecord | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof v !== "object" || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.pid !== "number" || !Number.isInteger(o.pid) || o.pid <= 0) return undefined;
  if (!(o.startTime === null || (typeof o.startTime === "string" && /^\d+$/.test(o.startTime)))) return undefined;
  if (!(o.pidNamespace === null || (typeof o.pidNamespace === "string" && /^pid:\[\d+\]$/.test(o.pidNamespace)))) return undefined;
  return { pid: o.pid, startTime: o.startTime, pidNamespace: o.pidNamespace };
}

/** True only when the recorded owner provably no longer runs. */
export function ownerIsGone(owner: OwnerRecord, procRoot = "/proc"): boolean {
  const ns = ownPidNamespace(procRoot) ?? null;
  // Another namespace's pid means nothing here; and both null means no /proc on either side.
  if (owner.pidNamespace !== ns) return false;
  if (ns === null) return owner.startTime === null && !pidExists(owner.pid);
  if (owner.startTime === null) return false;
  const now = lookupProcess(owner.pid, procRoot);
  if (now.state === "gone") return true;
  // The pid runs again, but a process that started at another time is not the owner.
  return now.state === "running" && now.startTime !== owner.startTime;
}

/** Without /proc: kill(pid, 0) fails with ESRCH only when no process has the pid. */
function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/**
 * Removes the temp dirs of tutors that are provably gone; returns the ones removed.
 * Only dirs whose owner file belongs to this user. Cheap: one readdir of the temp dir.
 */
export function sweepStaleTempDirs(tmp = os.tmpdir(), procRoot = "/proc", prefix = TEMP_PREFIX): string[] {
  let names: string[];
  try {
    names = readdirSync(tmp).filter((n) => n.startsWith(prefix));
  } catch {
    return [];
  }
  const uid = process.getuid?.();
  const removed: string[] = [];
  for (const name of names) {
    const dir = path.join(tmp, name);
    try {
      // The owner file is ours even when the dir was handed to an unprivileged user.
      const file = path.join(dir, OWNER_FILE);
      if (uid !== undefined && statSync(file).uid !== uid) continue;
      const owner = parseOwnerRecord(readFileSync(file, "utf8"));
      if (!owner || !ownerIsGone(owner, procRoot)) continue;
      rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // no owner file (being created, or not a tutor's), or already gone: keep it
    }
  }
  return removed;
}
