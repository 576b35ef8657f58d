/**
 * Kernel settings of a run's private network (its own /proc/sys/net, writable from
 * inside: the program that writes is root of the run's user namespace, nothing outside).
 */
import { spawn } from "node:child_process";
import type { RunSandbox } from "./namespace.js";

/** How long writing the settings may take before the run goes on without them. */
const WRITE_TIMEOUT_MS = 3000;

/**
 * SYN retries every second for 120 s (then the usual doubling, up to 120 s apart), and
 * a connect() that the kernel gives up on only after hours instead of about 2 minutes:
 * tcp_syn_retries=127 (the most Linux allows; the give-up time follows from it alone,
 * 2^7-1 s plus 120 s for each retry past the 6th), tcp_syn_linear_timeouts=120 (Linux
 * 6.5+; older kernels keep the doubling, 1, 3, 7, ... s). A connect() past a full accept queue then gets in within a second of
 * room appearing, even after a long pause of the demo clock. True when the retries
 * were raised.
 */
export function stretchSynRetries(box: Pick<RunSandbox, "wrap">): Promise<boolean> {
  const script = [
    "echo 127 > /proc/sys/net/ipv4/tcp_syn_retries || exit 1",
    // Absent before Linux 6.5: the retries are raised all the same.
    "[ -e /proc/sys/net/ipv4/tcp_syn_linear_timeouts ] && echo 120 > /proc/sys/net/ipv4/tcp_syn_linear_timeouts",
    "exit 0",
  ].join("\n");
  return runInside(box, script, []);
}

/** A setting's name below /proc/sys/net, as a path ("ipv4/tcp_rmem"), and a value of numbers. */
const NAME = /^(ipv4|ipv6|core)\/[a-z0-9_]+$/;
const VALUE = /^[0-9]+( [0-9]+)*$/;

/**
 * Writes settings of the run's network (/proc/sys/net/<name>), all or none counted: true
 * when every one was written. Names and values are checked and passed as arguments,
 * never as script text.
 */
export function writeNetSettings(box: Pick<RunSandbox, "wrap">, settings: Readonly<Record<string, string>>): Promise<boolean> {
  const pairs = Object.entries(settings);
  if (pairs.length === 0 || pairs.some(([k, v]) => !NAME.test(k) || !VALUE.test(v))) return Promise.resolve(false);
  const script = 'while [ $# -gt 1 ]; do printf "%s\\n" "$2" > "/proc/sys/net/$1" || exit 1; shift 2; done; exit 0';
  return runInside(box, script, pairs.flat());
}

/** Runs a small sh script inside the run's namespaces: true when it exited 0 in time. */
function runInside(box: Pick<RunSandbox, "wrap">, script: string, args: string[]): Promise<boolean> {
  const { cmd, args: argv } = box.wrap("/bin/sh", ["-c", script, "sh", ...args]);
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(cmd, argv, { stdio: "ignore" });
    } catch {
      return resolve(false);
    }
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(false);
    }, WRITE_TIMEOUT_MS);
    child.once("error", () => {
      clearTimeout(timer);
      resolve(false);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}
