import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import type { DemoRuntime } from "./spec.js";

export interface SystemUser {
  name: string;
  uid: number;
  gid: number;
}

/** 'nobody' (or the first of a few usual unprivileged accounts) from /etc/passwd; uid 65534 as a last resort. */
export function unprivilegedUser(passwd = "/etc/passwd"): SystemUser {
  let text = "";
  try {
    text = readFileSync(passwd, "utf8");
  } catch {
    // no passwd file: fall back to the conventional ids
  }
  for (const wanted of ["nobody", "daemon"]) {
    for (const line of text.split("\n")) {
      const [name, , uid, gid] = line.split(":");
      if (name === wanted && Number(uid) > 0 && Number.isInteger(Number(gid))) return { name, uid: Number(uid), gid: Number(gid) };
    }
  }
  return { name: "nobody", uid: 65534, gid: 65534 };
}

function runsAs(executable: string, args: string[], user: SystemUser): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(executable, args, { uid: user.uid, gid: user.gid, cwd: "/", timeout: 5000 }, (err) => resolve(!err));
  });
}

/**
 * An interpreter the unprivileged user may execute: the tutor's own may live under
 * a home folder it cannot enter (pyenv under /root). Tries the usual system paths next.
 */
export async function usableAs(runtime: DemoRuntime, preferred: string, user: SystemUser): Promise<string | undefined> {
  const probe = runtime === "python" ? ["-c", "pass"] : ["-e", "0"];
  const candidates = runtime === "python" ? [preferred, "/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"] : [preferred, "/usr/bin/node", "/usr/local/bin/node"];
  for (const c of [...new Set(candidates)]) if (await runsAs(c, probe, user)) return c;
  return undefined;
}
